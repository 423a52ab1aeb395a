/**
 * mock.handlers are msw `HttpHandler`s of the mock's own class, which skip the request clone and the `finalize`
 * machinery that msw's `RequestHandler.run` sets up for resolvers that use them (see src/http/msw-handlers.ts).
 * What msw and a user can observe of a handler must stay as `http.all(prefix)` gives it: which requests it
 * matches (checked against `http.all` itself, for generated URLs), its `info`, `isUsed`, and the lifecycle
 * events of a server it is in.
 */
import fc from 'fast-check'
import { getResponse, http, HttpHandler, HttpResponse, RequestHandler } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeymarketMock } from '../src/core/index.js'

const AUTH = { Authorization: 'Bearer t', 'Content-Type': 'application/json' }

describe('mock.handlers', () => {
  it('match exactly the requests http.all would match for the same prefixes', async () => {
    const baseUrl = 'https://gateway.test/heymarket'
    const mock = createHeymarketMock({ seed: 1, size: { conversations: 1 }, baseUrl })
    const references = ['/v1/*', '/v2/*'].map((prefix) => http.all(`${baseUrl}${prefix}`, () => HttpResponse.json({})))
    const origin = fc.constantFrom('https://gateway.test', 'https://api.heymarket.com', 'http://gateway.test', 'https://gateway.test:8443')
    const path = fc.array(fc.constantFrom('heymarket', 'v1', 'v2', 'v3', 'conversations', 'x', '', '..', 'V1', '%20'), { maxLength: 5 })
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS')
    const tail = fc.constantFrom('', '?a=1', '#f', '/')
    await fc.assert(
      fc.asyncProperty(origin, path, method, tail, async (host, segments, verb, end) => {
        const url = `${host}/${segments.join('/')}${end}`
        const request = () => new Request(url, { method: verb })
        for (const [index, handler] of mock.handlers.entries()) {
          expect(await handler.test({ request: request() }), `${verb} ${url}`).toBe(await references[index]!.test({ request: request() }))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('are HttpHandlers that msw describes and marks as used like http.all', async () => {
    const mock = createHeymarketMock({ seed: 1, size: { conversations: 3 } })
    const [v1, v2] = mock.handlers
    expect(v1).toBeInstanceOf(HttpHandler)
    expect(v1!.info.path).toBe('https://api.heymarket.com/v1/*')
    expect(v2!.info.path).toBe('https://api.heymarket.com/v2/*')
    expect(v1!.info.method).toEqual(http.all('https://api.heymarket.com/v1/*', () => undefined).info.method)
    expect(v1!.isUsed).toBe(false)
    const response = await getResponse(mock.handlers, new Request('https://api.heymarket.com/v1/inboxes', { headers: AUTH }))
    expect(response?.status).toBe(200)
    expect(v1!.isUsed).toBe(true)
    expect(v2!.isUsed).toBe(false)
  })

  it('leave the request uncloned: msw keeps no copy of it', async () => {
    const mock = createHeymarketMock({ seed: 1, size: { conversations: 3 } })
    await mock.ready
    const inbox = mock.db.inbox.findMany()[0]!
    const request = new Request('https://api.heymarket.com/v1/conversations', {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ id: inbox.members[0], filters: { inboxes: [inbox.id] }, limit: 2 }),
    })
    const response = await getResponse(mock.handlers, request)
    expect(response?.status).toBe(200)
    expect(((await response!.json()) as unknown[]).length).toBe(2)
    // A plain http.all would have cloned it (RequestHandler.run caches the clone by request).
    expect(RequestHandler.cache.has(request)).toBe(false)
    const plain = new Request('https://other.test/x', { method: 'POST', body: '{}' })
    await getResponse([http.all('https://other.test/*', () => HttpResponse.json({}))], plain)
    expect(RequestHandler.cache.has(plain)).toBe(true)
  })

  describe('in a server', () => {
    const server = setupServer()
    server.listen({ onUnhandledRequest: 'error' } as never)
    afterEach(() => {
      server.resetHandlers()
      server.events.removeAllListeners()
    })

    it('answer through setupServer with request:match emitted, and a user handler in front of them still sees the body', async () => {
      const mock = createHeymarketMock({ seed: 1, size: { conversations: 3 } })
      await mock.ready
      const inbox = mock.db.inbox.findMany()[0]!
      const seen: string[] = []
      // A user's handler in front that reads the body and lets the request fall through to the mock.
      server.use(
        http.post('https://api.heymarket.com/v1/conversations', async ({ request }) => {
          seen.push(await request.clone().text())
          return undefined
        }),
        ...mock.handlers,
      )
      const matched: string[] = []
      server.events.on('request:match', ({ request }) => {
        matched.push(`${request.method} ${request.url}`)
      })
      const body = JSON.stringify({ id: inbox.members[0], filters: { inboxes: [inbox.id] }, limit: 1 })
      const response = await fetch('https://api.heymarket.com/v1/conversations', { method: 'POST', headers: AUTH, body })
      expect(response.status).toBe(200)
      expect(((await response.json()) as unknown[]).length).toBe(1)
      expect(seen).toEqual([body])
      expect(matched).toEqual(['POST https://api.heymarket.com/v1/conversations'])
      expect(mock.handlers[0]!.isUsed).toBe(true)
      expect(mock.requests.at(-1)!.body).toEqual(JSON.parse(body))
    })
  })
})
