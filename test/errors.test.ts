import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URL, type ErrorBody } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'
import { cast } from './support/fixtures.js'

const { mock } = useHeymarketMock({ seed: 44, size: { conversations: 60 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const pick = () => cast(mock)

async function raw(path: string, init: RequestInit) {
  const response = await fetch(`${DEFAULT_BASE_URL}${path}`, init)
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as ErrorBody }
}

/** Runs a request and checks that the whole state is the same afterwards. */
async function expectNoChange(request: () => Promise<unknown>) {
  const before = JSON.stringify(await mock.exportDataset())
  await request()
  expect(JSON.stringify(await mock.exportDataset())).toBe(before)
}

describe('credentials', () => {
  it('answers 401 without an Authorization header, with a message saying what to send', async () => {
    const { status, body } = await raw('/v1/conversations', { method: 'POST', body: '{"id":0,"filters":{}}' })
    expect(status).toBe(401)
    expect(body.error).toBe('unauthorized')
    expect(body.message).toMatch(/Authorization: Bearer/)
  })

  it('answers 401 for a header that is not a bearer token', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'token abc', 'Bearer a b']) {
      const { status } = await raw('/v1/conversations', { method: 'POST', headers: { Authorization: header }, body: '{"id":0,"filters":{}}' })
      expect(status, header).toBe(401)
    }
  })

  it('accepts any bearer token by default', async () => {
    expect((await createApi(DEFAULT_BASE_URL, 'anything-at-all').post('/v1/conversations', { id: 0, filters: {} })).status).toBe(200)
  })
})

describe('every response', () => {
  it('carries an X-Request-Id UUID, on success and on error alike', async () => {
    const responses = [
      await api.post('/v1/conversations', { id: 0, filters: {} }),
      await api.post('/v1/conversations', { id: 'x' }),
      await api.get('/v1/conversations/1'),
      await api.get('/v1/nothing-here'),
      await raw('/v1/conversations', { method: 'POST' }),
    ]
    const ids = responses.map((r) => r.headers.get('x-request-id'))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('bad input', () => {
  it('answers 400 for a body that is not JSON, and changes nothing', async () => {
    await expectNoChange(async () => {
      const { status, body } = await api.post('/v1/conversations/close', '{"chat_id": 1,')
      expect(status).toBe(400)
      expect((body as ErrorBody).message).toMatch(/not valid JSON/)
    })
  })

  it('answers 400 for a JSON body that is not an object', async () => {
    // `[]` is not among them: as the whole body of an object endpoint it reads as {} (test/request-conventions.test.ts).
    for (const text of ['[1]', '"ok"', '42', 'null', 'true']) {
      const { status, body } = await api.post('/v1/conversations', text)
      expect(status, text).toBe(400)
      expect((body as ErrorBody).message).toMatch(/must be a JSON object/)
    }
  })

  it('names the field and the problem for a wrong type, and changes nothing', async () => {
    const open = pick().conversations((c) => c.status === 'open')[0]!
    await expectNoChange(async () => {
      const { status, body } = await api.post<ErrorBody>('/v1/conversations/close', { chat_id: String(open.id), inbox_id: open.inbox, user_id: 1 })
      expect(status).toBe(400)
      expect(body.field).toBe('chat_id')
      expect(body.message).toMatch(/"chat_id" must be a number, got "\d+" \(a string\)/)
    })
    const nested = await api.post<ErrorBody>('/v1/conversations', { id: 0, filters: { inboxes: [1, 'two'] } })
    expect(nested.body).toMatchObject({ error: 'bad_data', field: 'filters.inboxes[1]' })
    const flag = await api.post<ErrorBody>('/v1/conversations', { id: 0, filters: { closed: 'yes' } })
    expect(flag.body.message).toMatch(/"filters.closed" must be true or false/)
  })

  it('answers 415 for a body sent as a form or XML', async () => {
    const { status, body } = await api.post<ErrorBody>('/v1/conversations', 'id=0', { 'Content-Type': 'application/x-www-form-urlencoded' })
    expect(status).toBe(415)
    expect(body.message).toMatch(/Content-Type: application\/json/)
  })

  it('answers 413 for a body over the limit', async () => {
    const { status, body } = await api.post<ErrorBody>('/v1/conversations', { id: 0, filters: {}, padding: 'x'.repeat(1024 * 1024) })
    expect(status).toBe(413)
    expect(body.error).toBe('payload_too_large')
  })

  it('ignores unknown fields, as the API does', async () => {
    const { status } = await api.post('/v1/conversations', { id: 0, filters: {}, creator_email: 'a@b.c', conv_name: 'x', channel: 'sms' })
    expect(status).toBe(200)
  })

  it('does not let __proto__ or constructor keys change anything', async () => {
    await expectNoChange(async () => {
      const { status } = await api.post('/v1/conversations/close', '{"__proto__": {"chat_id": 1, "user_id": 1}, "constructor": {"prototype": {"polluted": true}}}')
      expect(status).toBe(400)
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('unknown things', () => {
  it('answers 404 with a message for a path the API does not have, and 405 for a wrong method', async () => {
    const missing = await api.get<ErrorBody>('/v1/conversatons')
    expect(missing.status).toBe(404)
    expect(missing.body.message).toMatch(/no such endpoint/)
    const wrongMethod = await api.get<ErrorBody>('/v1/conversations')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
  })

  it('answers 404 for unknown conversation, inbox and user ids, naming the field', async () => {
    const { inbox, member } = pick().inboxWithOutsider()
    const conversation = pick().conversations((c) => c.inbox === inbox.id)[0]!
    const cases: [string, Record<string, unknown>, string][] = [
      ['/v1/conversations/close', { chat_id: 42, inbox_id: inbox.id, user_id: member.id }, 'chat_id'],
      ['/v1/conversations/close', { inbox_id: 42, target: '14155550100', user_id: member.id }, 'inbox_id'],
      ['/v1/conversations/close', { chat_id: conversation.id, inbox_id: inbox.id, user_id: 42 }, 'user_id'],
      ['/v1/conversations/reassign', { chat_id: conversation.id, inbox_id: inbox.id, user_id: member.id, reassign_id: 42 }, 'reassign_id'],
      ['/v1/conversations', { id: 42, filters: {} }, 'id'],
    ]
    for (const [path, body, field] of cases) {
      const response = await api.post<ErrorBody>(path, body)
      expect(response.status, `${path} ${field}`).toBe(404)
      expect(response.body).toMatchObject({ error: 'not_found', field })
    }
  })
})
