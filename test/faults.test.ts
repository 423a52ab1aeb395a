import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, faultHandlers } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'

const { mock, server } = useHeymarketMock({ seed: 8, size: { conversations: 10 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const list = () => api.post('/v1/conversations', { id: 0, filters: {} })

describe('faults from code (mock.faults)', () => {
  it('adds latency, fixed or in a range', async () => {
    mock.faults.add({ latencyMs: 120 })
    const started = performance.now()
    expect((await list()).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
  })

  it('answers an error for the chosen endpoints only, with Retry-After where it fits', async () => {
    mock.faults.add({ operations: ['listConversations'], status: 503, retryAfterSeconds: 7 })
    const failed = await list()
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('7')
    expect(failed.headers.get('x-request-id')).toBeTruthy()
    expect(failed.body).toMatchObject({ error: 'server_error' })
    expect((await api.get('/v1/inboxes')).status).toBe(200)
    mock.faults.clear()
    mock.faults.add({ status: 429 })
    const limited = await api.get('/v1/team')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('30')
  })

  it('drops the connection: fetch rejects as on a network failure', async () => {
    mock.faults.add({ network: 'error' })
    await expect(fetch('https://api.heymarket.com/v1/inboxes', { headers: { Authorization: 'Bearer t' } })).rejects.toThrow(TypeError)
  })

  it('hangs until the client gives up, while other requests are still answered', async () => {
    mock.faults.add({ operations: ['getTeam'], network: 'hang' })
    const hung = fetch('https://api.heymarket.com/v1/team', { headers: { Authorization: 'Bearer t' }, signal: AbortSignal.timeout(300) })
    expect((await api.get('/v1/inboxes')).status).toBe(200)
    await expect(hung).rejects.toThrow(/abort|timeout/i)
  })

  it('applies a given number of times, then removes itself', async () => {
    mock.faults.add({ status: 500, times: 2 })
    expect([(await list()).status, (await list()).status, (await list()).status]).toEqual([500, 500, 200])
    expect(mock.faults.list()).toEqual([])
  })

  it('decides probabilities from the seed: the same seed fails the same requests', async () => {
    const pattern = async (seed: number) => {
      const other = createHeymarketMock({ seed, size: { conversations: 3 }, faults: [{ status: 502, probability: 0.5 }] })
      const statuses: number[] = []
      for (let i = 0; i < 24; i++) statuses.push((await other.fetch('/v1/inboxes', { headers: { Authorization: 'Bearer t' } })).status)
      return statuses.join(',')
    }
    const first = await pattern(1)
    expect(await pattern(1)).toBe(first)
    expect(first).toMatch(/502/)
    expect(first).toMatch(/200/)
    expect(await pattern(2)).not.toBe(first)
  })

  it('are cleared by reset', async () => {
    mock.faults.add({ status: 500 })
    await mock.reset()
    expect(mock.faults.list()).toEqual([])
    expect((await list()).status).toBe(200)
  })

  it('refuses a rule that makes no sense, naming the field', () => {
    expect(() => mock.faults.add({})).toThrow(/latencyMs/)
    expect(() => mock.faults.add({ status: 418 as never })).toThrow()
    expect(() => mock.faults.add({ latencyMs: [300, 100] })).toThrow(/min <= max/)
  })
})

describe('faults as msw handlers (server.use)', () => {
  it('overrides one test, then goes away with resetHandlers', async () => {
    server.use(...faultHandlers({ operations: ['sendMessage'], status: 429, retryAfterSeconds: 3 }))
    const inbox = mock.db.inbox.findFirst()!
    const sent = await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id: inbox.members[0], phone_number: '14155550700', text: 'hi' })
    expect(sent.status).toBe(429)
    expect(sent.headers.get('retry-after')).toBe('3')
    server.resetHandlers()
    expect((await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id: inbox.members[0], phone_number: '14155550700', text: 'hi' })).status).toBe(200)
  })

  it('lets the mock answer after a latency-only fault', async () => {
    server.use(...faultHandlers({ latencyMs: 80 }))
    const started = performance.now()
    const { status, body } = await list()
    expect(status).toBe(200)
    expect(Array.isArray(body)).toBe(true)
    expect(performance.now() - started).toBeGreaterThanOrEqual(75)
  })
})

describe('the rate limit (opt-in)', () => {
  it('answers 429 with Retry-After past N requests a minute per credential, and lets requests through again a minute later', async () => {
    const limited = createHeymarketMock({ seed: 2, size: { conversations: 3 }, rateLimit: { requestsPerMinute: 5 }, clock: { start: '2026-11-02T17:00:00Z' } })
    const get = (token: string) => limited.fetch('/v1/inboxes', { headers: { Authorization: `Bearer ${token}` } })
    for (let i = 0; i < 5; i++) expect((await get('client-a')).status).toBe(200)
    const refused = await get('client-a')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    expect(await refused.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/more than 5 requests in a minute/) })
    expect((await get('client-b')).status).toBe(200)
    limited.clock.advance({ seconds: 45 })
    expect((await get('client-a')).headers.get('retry-after')).toBe('15')
    limited.clock.advance({ seconds: 15 })
    expect((await get('client-a')).status).toBe(200)
  })

  it('defaults to the service’s 500 requests per minute', async () => {
    const limited = createHeymarketMock({ seed: 2, size: { conversations: 3 }, rateLimit: true, clock: { start: '2026-11-02T17:00:00Z' } })
    const statuses: number[] = []
    for (let i = 0; i < 501; i++) statuses.push((await limited.fetch('/v1/inboxes', { headers: { Authorization: 'Bearer x' } })).status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(500)
    expect(statuses.at(-1)).toBe(429)
  })
})
