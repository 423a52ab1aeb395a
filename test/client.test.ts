import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { createHeymarketClient, HeymarketApiError, operations, routes, type Conversation } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'

const { mock } = useHeymarketMock({ seed: 123, size: { conversations: 20 } }, { beforeAll, afterEach, afterAll })
const client = createHeymarketClient({ token: 'test', validateResponses: true })

describe('the typed client', () => {
  it('has one method per operation, and the mock serves every operation (and nothing else)', () => {
    expect(routes.map((route) => route.operationId).sort()).toEqual(Object.keys(operations).sort())
    for (const id of Object.keys(operations)) expect(typeof (client as unknown as Record<string, unknown>)[id]).toBe('function')
  })

  it('calls operations with typed bodies, params and queries, and validates the answers', async () => {
    const page = await client.listConversations({ body: { id: 0, filters: {}, limit: 5 } })
    expectTypeOf(page).toEqualTypeOf<Conversation[]>()
    expect(page).toHaveLength(5)
    const one = await client.getConversation({ params: { id: String(page[0]!.id) } })
    expect(one.id).toBe(page[0]!.id)
    const inboxes = await client.listInboxes()
    const history = await client.getMessageHistory({ query: { phoneNumber: page[0]!.target, inboxID: page[0]!.inbox } })
    expect(Array.isArray(history)).toBe(true)
    expect(inboxes.length).toBe(mock.db.inbox.count())
    expect(await client.countConversations({ body: {} })).toBe('20')
  })

  it('throws HeymarketApiError with the status, code, message and request id', async () => {
    const error = await client.getConversation({ params: { id: '1' } }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(HeymarketApiError)
    expect(error).toMatchObject({ status: 404, code: 'not_found', operationId: 'getConversation' })
    expect((error as HeymarketApiError).requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect((error as Error).message).toMatch(/conversation 1 does not exist/)
  })

  it('with validateResponses, throws on an answer that drifts from the schema, naming the place', async () => {
    const [real] = await client.listInboxes()
    const answering = (body: unknown) => createHeymarketClient({ validateResponses: true, fetch: async () => Response.json(body) })
    await expect(answering([{ ...real, id: 'one' }]).listInboxes()).rejects.toThrow(/listInboxes answered a body that does not match its schema: \[0\]\.id: /)
    await expect(answering([{ ...real, brand_new: 1 }]).listInboxes()).rejects.toThrow(/\[0\]\.brand_new: a field the schema does not have/)
    await expect(answering([real]).listInboxes()).resolves.toEqual([real])
  })

  it('makes a token per request when given a function', async () => {
    let minted = 0
    const fresh = createHeymarketClient({ token: () => `t${++minted}` })
    await fresh.listInboxes()
    await fresh.getTeam()
    expect(minted).toBe(2)
  })
})
