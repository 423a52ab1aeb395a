import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHeymarketServer, type HeymarketHttpServer } from '../../src/server/index.js'
import { parseServeOptions } from '../../src/server/command-line.js'

/** Sends bytes over a raw socket (no client library to tidy the request up) and reads the whole answer. */
function raw(port: number, text: string, waitMs = 400): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => (data += chunk))
    socket.on('error', reject)
    const finish = () => {
      const [head = '', ...rest] = data.split('\r\n\r\n')
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim()
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') })
    }
    socket.on('end', finish)
    socket.write(text)
    setTimeout(() => socket.end(), waitMs)
  })
}

const request = (method: string, target: string, headers: Record<string, string> = {}, body = '') =>
  `${method} ${target} HTTP/1.1\r\n${Object.entries({ Host: '127.0.0.1', Authorization: 'Bearer edge', Connection: 'close', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n${body}`

describe('HTTP semantics at the edge (raw sockets)', () => {
  let server: HeymarketHttpServer
  beforeAll(async () => {
    server = await startHeymarketServer({ port: 0, seed: 21, size: { conversations: 5 }, maxBodyBytes: 4096, clock: { start: 'anchor', frozen: true } })
  })
  afterAll(() => server.close())

  it('reads every request target as a path or refuses it with 400/404 that says so, never a 500, never another path', async () => {
    const cases: [string, number, RegExp][] = [
      ['//', 404, /no such endpoint/],
      ['//?a=1', 404, /no such endpoint/],
      ['/\\', 400, /backslash/],
      ['http://', 400, /not a valid absolute URL/],
      ['//x:99999/', 404, /no such endpoint/],
      ['//x/v1/inboxes', 404, /GET \/\/x\/v1\/inboxes: the Heymarket API has no such endpoint/],
      ['*', 400, /asterisk/],
      ['v1/inboxes', 400, /must start with "\/"/],
    ]
    for (const [target, status, message] of cases) {
      const answer = await raw(server.port, request('GET', target))
      expect(answer.status, target).toBe(status)
      expect(answer.headers['x-request-id'], target).toBeTruthy()
      expect(JSON.parse(answer.body).message, target).toMatch(message)
    }
    // RFC 9112 absolute-form names a path too (its authority is checked like Host).
    expect((await raw(server.port, request('GET', `http://127.0.0.1:${server.port}/v1/inboxes`))).status).toBe(200)
  })

  it('answers a method it does not implement with 405, Allow and X-Request-Id, on every path', async () => {
    for (const [method, target] of [['TRACE', '/v1/inboxes'], ['TRACE', '/'], ['TRACE', '/nowhere'], ['PATCH', '/v1/inboxes'], ['PROPFIND', '/__mock/info'], ['CONNECT', '127.0.0.1:443']] as const) {
      const answer = await raw(server.port, request(method, target))
      expect(answer.status, `${method} ${target}`).toBe(405)
      expect(answer.headers.allow, `${method} ${target}`).toMatch(/GET/)
      expect(answer.headers['x-request-id']).toBeTruthy()
    }
    // The Allow header names what the path accepts (RFC 9110 §15.5.6).
    expect((await raw(server.port, request('TRACE', '/v1/inboxes'))).headers.allow).toBe('GET, HEAD')
    expect((await raw(server.port, request('TRACE', '/openapi.json'))).headers.allow).toBe('GET, HEAD')
  })

  // The clock stands still (see beforeAll): /__mock/info names "now", and GET and HEAD must describe the same instant.
  it('answers HEAD as GET without a body, Content-Length included (RFC 9110 §9.3.2)', async () => {
    for (const path of ['/v1/inboxes', '/openapi.json', '/', '/__mock/info']) {
      const get = await raw(server.port, request('GET', path))
      const head = await raw(server.port, request('HEAD', path))
      expect(head.status, path).toBe(get.status)
      expect(head.body, path).toBe('')
      expect(head.headers['content-length'], path).toBe(String(Buffer.byteLength(get.body)))
      expect(head.headers['x-request-id'], path).toBeTruthy()
    }
  })

  it('refuses a declared Content-Length over the limit with 413 before reading the body', async () => {
    // Only the headers are sent: the answer comes without waiting for the 10 MB that were announced.
    const answer = await raw(server.port, request('POST', '/v1/contacts', { 'Content-Type': 'application/json', 'Content-Length': '10000000' }), 200)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error).toBe('payload_too_large')
    expect(answer.headers['x-request-id']).toBeTruthy()
  })

  it('answers what Node cannot parse with a JSON error and a request id', async () => {
    const answer = await raw(server.port, 'GET /v1/inboxes HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n')
    expect(answer.status).toBe(400)
    expect(answer.headers['x-request-id']).toBeTruthy()
    expect(JSON.parse(answer.body).message).toMatch(/not valid HTTP/)
  })

  it('puts X-Request-Id on every answer, / and /openapi.json included, and ids never repeat after a reset', async () => {
    const seen = new Set<string>()
    for (let round = 0; round < 2; round++) {
      for (const path of ['/', '/openapi.json', '/v1/inboxes', '/v1/nowhere', '/__mock/info']) {
        const answer = await fetch(`${server.url}${path}`, { headers: { Authorization: 'Bearer edge' } })
        const id = answer.headers.get('x-request-id')
        expect(id, path).toBeTruthy()
        expect(seen.has(id!), `${path} repeated ${id}`).toBe(false)
        seen.add(id!)
      }
      await fetch(`${server.url}/__mock/reset`, { method: 'POST' })
    }
  })
})

describe('the control plane is safe by default', () => {
  let server: HeymarketHttpServer
  beforeAll(async () => {
    server = await startHeymarketServer({ port: 0, seed: 22, size: { conversations: 5 } })
  })
  afterAll(() => server.close())

  it('refuses a cross-site text/plain POST (a simple request: no CORS preflight protects it) and changes nothing', async () => {
    const before = await (await fetch(`${server.url}/__mock/faults`)).text()
    const crossSite = await raw(
      server.port,
      request('POST', '/__mock/faults', { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'text/plain', 'Content-Length': '16' }, '{"status": 503}\n'),
    )
    expect(crossSite.status).toBe(403)
    expect(JSON.parse(crossSite.body).message).toMatch(/another site/)
    // Sec-Fetch-Site alone is enough, and so is Origin alone.
    expect((await raw(server.port, request('POST', '/__mock/reset', { 'Sec-Fetch-Site': 'cross-site' }))).status).toBe(403)
    expect((await raw(server.port, request('GET', '/__mock/dataset', { Origin: 'https://evil.example' }))).status).toBe(403)
    expect(await (await fetch(`${server.url}/__mock/faults`)).text()).toBe(before)
  })

  it('takes control bodies as JSON only, and lets same-origin pages, tests and terminals through', async () => {
    const plain = await fetch(`${server.url}/__mock/faults`, { method: 'POST', body: JSON.stringify({ status: 503, times: 1 }) })
    expect(plain.status).toBe(415)
    expect((await plain.json()).message).toMatch(/application\/json/)
    const json = await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"status": 503, "times": 1}' })
    expect(json.status).toBe(200)
    // A bodyless POST without a Content-Type (curl -X POST) is fine: no browser sends one without Origin.
    expect((await fetch(`${server.url}/__mock/faults`, { method: 'DELETE' })).status).toBe(200)
    const sameOrigin = await raw(server.port, request('GET', '/__mock/info', { Origin: `http://127.0.0.1:${server.port}`, Host: `127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' }))
    expect(sameOrigin.status).toBe(200)
  })

  it('answers only Host headers that name this server (DNS rebinding), everywhere', async () => {
    for (const host of ['evil.example', 'evil.example:4010', '127.0.0.1.evil.example']) {
      for (const path of ['/__mock/dataset', '/v1/inboxes', '/']) {
        const answer = await raw(server.port, request('GET', path, { Host: host }))
        expect(answer.status, `${host} ${path}`).toBe(403)
        expect(JSON.parse(answer.body).message).toMatch(/DNS rebinding/)
      }
    }
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`, 'app.localhost', '10.0.0.7:4010']) {
      expect((await raw(server.port, request('GET', '/__mock/info', { Host: host }))).status, host).toBe(200)
    }
  })

  it('widens the Host list with allowedHosts (for containers), and lets CORS-allowed origins drive the control plane', async () => {
    const container = await startHeymarketServer({ port: 0, seed: 22, size: { conversations: 3 }, allowedHosts: ['heymarket-mock', '.test'], cors: 'http://localhost:5173' })
    try {
      expect((await raw(container.port, request('GET', '/v1/inboxes', { Host: 'heymarket-mock:4010' }))).status).toBe(200)
      expect((await raw(container.port, request('GET', '/v1/inboxes', { Host: 'api.mock.test' }))).status).toBe(200)
      expect((await raw(container.port, request('GET', '/v1/inboxes', { Host: 'other' }))).status).toBe(403)
      const allowed = await raw(container.port, request('GET', '/__mock/info', { Origin: 'http://localhost:5173', 'Sec-Fetch-Site': 'same-site' }))
      expect(allowed.status).toBe(200)
      expect(allowed.headers.vary).toBe('Origin')
      expect((await raw(container.port, request('GET', '/__mock/info', { Origin: 'http://localhost:6006' }))).status).toBe(403)
      // Vary: Origin is on every answer while CORS is on, with or without an Origin.
      expect((await raw(container.port, request('GET', '/v1/inboxes'))).headers.vary).toBe('Origin')
    } finally {
      await container.close()
    }
  })

  it('hides ids on GET / when a control token is set', async () => {
    const locked = await startHeymarketServer({ port: 0, seed: 22, size: { conversations: 3 }, controlToken: 's3cret' })
    try {
      const info = await (await fetch(`${server.url}/__mock/info`)).json()
      const inboxId = String(info.inboxes[0].id)
      expect(await (await fetch(`${server.url}/`)).text()).toContain(`<td>${inboxId}</td>`)
      const page = await (await fetch(`${locked.url}/`)).text()
      expect(page).not.toContain(`<td>${inboxId}</td>`)
    } finally {
      await locked.close()
    }
  })
})

describe('--cors without a value', () => {
  it('means any origin, as the last flag and before another flag', () => {
    expect(parseServeOptions(['--cors']).cors).toBe(true)
    expect(parseServeOptions(['--port', '0', '--cors']).cors).toBe(true)
    expect(parseServeOptions(['--cors', '--quiet']).cors).toBe(true)
    expect(parseServeOptions(['--cors', 'http://localhost:5173']).cors).toBe('http://localhost:5173')
    expect(parseServeOptions(['--cors', 'http://a.test,http://b.test']).cors).toEqual(['http://a.test', 'http://b.test'])
    expect(parseServeOptions(['--allowed-hosts', 'heymarket-mock']).allowedHosts).toEqual(['heymarket-mock'])
  })
})
