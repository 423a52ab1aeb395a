import { http, HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, DEFAULT_BASE_URL } from '../src/core/index.js'
import { createHeymarketServer, useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'

const { mock, server } = useHeymarketMock({ seed: 66, size: { conversations: 30 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
let closedInFirstTest = 0

describe('useHeymarketMock', () => {
  it('intercepts fetch once the file starts (first test changes state)', async () => {
    const open = mock.db.conversation.findFirst((q) => q.where({ status: 'open' }))!
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: open.inbox }))!
    expect((await api.post('/v1/conversations/close', { chat_id: open.id, inbox_id: open.inbox, user_id: inbox.members[0] })).status).toBe(200)
    closedInFirstTest = open.id
    server.use(http.post(`${DEFAULT_BASE_URL}/v1/conversations/count`, () => HttpResponse.json('999')))
    expect((await api.post('/v1/conversations/count', {})).body).toBe('999')
  })

  it('resets between tests: the change and the override are gone', async () => {
    expect(closedInFirstTest).not.toBe(0)
    expect(mock.db.conversation.findFirst((q) => q.where({ id: closedInFirstTest }))!.status).toBe('open')
    expect((await api.post('/v1/conversations/count', {})).body).toBe('30')
  })

  it('lets a test answer one endpoint differently with server.use, e.g. a 500', async () => {
    server.use(http.post(`${DEFAULT_BASE_URL}/v1/conversations`, () => HttpResponse.json({ error: 'server_error', message: 'boom' }, { status: 500 })))
    expect((await api.post('/v1/conversations', { id: 0, filters: {} })).status).toBe(500)
  })

  it('throws a clear error when no hooks are available', () => {
    expect(() => useHeymarketMock({}, undefined)).toThrow(/no beforeAll\/afterEach\/afterAll hooks/)
  })
})

describe('more than one mock in a process', () => {
  it('keeps their data and clocks apart', async () => {
    const a = createHeymarketMock({ seed: 1, size: { conversations: 5 }, baseUrl: 'https://a.test' })
    const b = createHeymarketMock({ seed: 2, size: { conversations: 7 }, baseUrl: 'https://b.test' })
    await Promise.all([a.ready, b.ready])
    a.clock.set('2026-01-01T00:00:00Z')
    expect(b.clock.frozen).toBe(false)
    expect(a.db.conversation.count()).toBe(5)
    expect(b.db.conversation.count()).toBe(7)
  })

  it('serves a custom base URL', async () => {
    const other = createHeymarketServer({ seed: 3, size: { conversations: 4 }, baseUrl: 'https://staging.heymarket.test/api' })
    server.use(...other.mock.handlers)
    await other.mock.ready
    const { status, body } = await createApi('https://staging.heymarket.test/api').post('/v1/conversations/count', {})
    expect(status).toBe(200)
    expect(body).toBe('4')
  })
})
