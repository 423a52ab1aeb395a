import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFixture } from '../../src/node/index.js'
import { parseServeOptions } from '../../src/server/command-line.js'
import { startHeymarketServer, type HeymarketHttpServer } from '../../src/server/index.js'

/**
 * Sessions (issue 16): one server, a mock per name. A client picks one by base URL (`/sessions/<name>`) or by the
 * X-Heymarket-Mock-Session header; neither is the default session, which behaves as a server without sessions.
 */
const auth = { Authorization: 'Bearer session-test', 'Content-Type': 'application/json' }

async function json(response: Response): Promise<any> {
  return JSON.parse(await response.text())
}

describe('sessions on the HTTP server', () => {
  let running: HeymarketHttpServer
  beforeAll(async () => {
    running = await startHeymarketServer({ port: 0, dataset: loadFixture('default'), maxSessions: 4 })
  })
  afterAll(() => running.close())

  const list = (base: string, inbox: number, user: number) =>
    fetch(`${base}/v1/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ id: user, filters: { inboxes: [inbox] }, limit: 5 }) })

  it('a new session starts as the server started: the same answers, byte for byte, and the same request ids', async () => {
    const info = await json(await fetch(`${running.url}/__mock/info`))
    const inbox = info.inboxes[0]
    const fromDefault = await list(running.url, inbox.id, inbox.members[0])
    const fromSession = await list(`${running.url}/sessions/same-start`, inbox.id, inbox.members[0])
    expect(fromSession.status).toBe(200)
    expect(await fromSession.text()).toBe(await fromDefault.text())
    expect(fromSession.headers.get('x-request-id')).toBe(fromDefault.headers.get('x-request-id'))
    await fetch(`${running.url}/__mock/sessions/same-start`, { method: 'DELETE' })
  })

  it('the path and the header name the same session; a write in one session is not seen in another or the default', async () => {
    const info = await json(await fetch(`${running.url}/__mock/info`))
    const inbound = (headers: Record<string, string>, path = '') =>
      fetch(`${running.url}${path}/__mock/inbound`, { method: 'POST', headers: { ...auth, ...headers }, body: JSON.stringify({ from: '14155550142', inbox_id: info.inboxes[0].id, text: 'Only in a' }) })
    expect((await inbound({}, '/sessions/a')).status).toBe(200)
    const conversationsOf = async (headers: Record<string, string>, path = '') => (await json(await fetch(`${running.url}${path}/__mock/info`, { headers }))).counts.conversations
    const before = info.counts.conversations
    expect(await conversationsOf({}, '/sessions/a')).toBe(before + 1)
    expect(await conversationsOf({ 'X-Heymarket-Mock-Session': 'a' })).toBe(before + 1)
    expect(await conversationsOf({ 'X-Heymarket-Mock-Session': 'b' })).toBe(before)
    expect(await conversationsOf({})).toBe(before)
    expect(await conversationsOf({}, '/sessions/default')).toBe(before)
    for (const name of ['a', 'b']) await fetch(`${running.url}/__mock/sessions/${name}`, { method: 'DELETE' })
  })

  it('refuses a bad session name with a 400 that says what a name may hold, and creates nothing', async () => {
    for (const [path, headers] of [
      ['/sessions/has%20space/v1/inboxes', {}],
      ['/sessions/-dash-first/v1/inboxes', {}],
      [`/sessions/${'x'.repeat(65)}/v1/inboxes`, {}],
      ['/v1/inboxes', { 'X-Heymarket-Mock-Session': 'semi;colon' }],
    ] as const) {
      const response = await fetch(`${running.url}${path}`, { headers: { ...auth, ...headers } })
      expect(response.status, path).toBe(400)
      const body = await json(response)
      expect(body).toMatchObject({ error: 'bad_data', field: 'session' })
      expect(body.message).toMatch(/1 to 64 letters, digits/)
    }
    const conflict = await fetch(`${running.url}/sessions/one/v1/inboxes`, { headers: { ...auth, 'X-Heymarket-Mock-Session': 'two' } })
    expect(conflict.status).toBe(400)
    expect((await json(conflict)).message).toMatch(/path names session "one" and the x-heymarket-mock-session header names "two"/)
    const listed = await json(await fetch(`${running.url}/__mock/sessions`))
    expect(listed.sessions.map((session: { name: string }) => session.name)).toEqual(['default'])
  })

  it('control endpoints act on the named session: clock, faults and reset of one leave the others as they were', async () => {
    await fetch(`${running.url}/sessions/c1/__mock/clock`, { method: 'POST', headers: auth, body: JSON.stringify({ set: '2027-01-01T00:00:00Z' }) })
    await fetch(`${running.url}/sessions/c1/__mock/faults`, { method: 'POST', headers: auth, body: JSON.stringify({ status: 503 }) })
    expect((await json(await fetch(`${running.url}/sessions/c1/__mock/clock`))).now).toBe('2027-01-01T00:00:00Z')
    expect((await json(await fetch(`${running.url}/sessions/c2/__mock/clock`))).now).not.toBe('2027-01-01T00:00:00Z')
    expect((await fetch(`${running.url}/sessions/c1/v1/inboxes`, { headers: auth })).status).toBe(503)
    expect((await fetch(`${running.url}/sessions/c2/v1/inboxes`, { headers: auth })).status).toBe(200)
    expect((await fetch(`${running.url}/v1/inboxes`, { headers: auth })).status).toBe(200)
    await fetch(`${running.url}/sessions/c1/__mock/reset`, { method: 'POST' })
    expect((await fetch(`${running.url}/sessions/c1/v1/inboxes`, { headers: auth })).status).toBe(200)
    for (const name of ['c1', 'c2']) await fetch(`${running.url}/__mock/sessions/${name}`, { method: 'DELETE' })
  })

  it('GET /__mock/sessions lists sessions with size and last use; DELETE ends one, whose name then starts fresh', async () => {
    const info = await json(await fetch(`${running.url}/__mock/info`))
    await fetch(`${running.url}/sessions/listed/__mock/inbound`, { method: 'POST', headers: auth, body: JSON.stringify({ from: '14155550143', inbox_id: info.inboxes[0].id, text: 'Hi' }) })
    const listed = await json(await fetch(`${running.url}/__mock/sessions`))
    expect(listed.maxSessions).toBe(4)
    const session = listed.sessions.find((item: { name: string }) => item.name === 'listed')
    expect(session).toMatchObject({ source: 'preset default', counts: { conversations: info.counts.conversations + 1 }, requests: 1 })
    expect(Date.parse(session.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000)
    expect((await fetch(`${running.url}/__mock/sessions/listed`, { method: 'DELETE' })).status).toBe(200)
    expect((await fetch(`${running.url}/__mock/sessions/listed`, { method: 'DELETE' })).status).toBe(404)
    expect((await json(await fetch(`${running.url}/sessions/listed/__mock/info`))).counts.conversations).toBe(info.counts.conversations)
    expect((await fetch(`${running.url}/__mock/sessions/default`, { method: 'DELETE' })).status).toBe(400)
    await fetch(`${running.url}/__mock/sessions/listed`, { method: 'DELETE' })
  })

  it('POST /__mock/sessions creates one from a named preset or seed; a name taken from another source is a 409', async () => {
    const created = await fetch(`${running.url}/__mock/sessions`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'empty', preset: 'empty-inbox' }) })
    expect(created.status).toBe(201)
    expect((await json(created)).session).toMatchObject({ name: 'empty', source: 'preset empty-inbox', counts: { conversations: 0 } })
    const again = await fetch(`${running.url}/__mock/sessions`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'empty', preset: 'empty-inbox' }) })
    expect(again.status).toBe(200)
    const other = await fetch(`${running.url}/__mock/sessions`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'empty', seed: 5 }) })
    expect(other.status).toBe(409)
    const bad = await fetch(`${running.url}/__mock/sessions`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'x', preset: '../etc/passwd' }) })
    expect(bad.status).toBe(400)
    expect(await json(bad)).toMatchObject({ field: 'preset' })
    const seeded = await fetch(`${running.url}/__mock/sessions`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'seeded', seed: 5 }) })
    expect((await json(seeded)).session).toMatchObject({ source: 'seed 5', counts: { conversations: 200 } })
    for (const name of ['empty', 'seeded']) await fetch(`${running.url}/__mock/sessions/${name}`, { method: 'DELETE' })
  })

  it('past the cap a new session gets a 503 naming the limit and how to raise it; existing ones keep working', async () => {
    for (const name of ['s1', 's2', 's3', 's4']) expect((await fetch(`${running.url}/sessions/${name}/v1/inboxes`, { headers: auth })).status).toBe(200)
    const refused = await fetch(`${running.url}/sessions/s5/v1/inboxes`, { headers: auth })
    expect(refused.status).toBe(503)
    const body = await json(refused)
    expect(body.message).toMatch(/holds 4 sessions, its limit/)
    expect(body.message).toMatch(/--max-sessions/)
    expect((await fetch(`${running.url}/sessions/s4/v1/inboxes`, { headers: auth })).status).toBe(200)
    expect((await fetch(`${running.url}/v1/inboxes`, { headers: auth })).status).toBe(200)
    for (const name of ['s1', 's2', 's3', 's4']) await fetch(`${running.url}/__mock/sessions/${name}`, { method: 'DELETE' })
  })

  it('from Node, server.session(name) is that session’s mock: a change made there is what its HTTP clients see', async () => {
    const mock = await running.session('node-driven')
    mock.clock.set('2027-02-02T02:02:02Z')
    expect((await json(await fetch(`${running.url}/sessions/node-driven/__mock/clock`))).now).toBe('2027-02-02T02:02:02Z')
    expect(await running.session('node-driven')).toBe(mock)
    expect(await running.session('default')).toBe(running.mock)
    await expect(running.session('no way')).rejects.toThrow(/not a session name/)
    expect(running.sessions.list().map((session) => session.name)).toContain('node-driven')
    expect(running.sessions.delete('node-driven')).toBe(true)
  })

  it('GET / explains sessions, and a session’s index page and OpenAPI document name its base URL', async () => {
    const page = await (await fetch(`${running.url}/`)).text()
    expect(page).toContain(`base URL ${running.url}/sessions/&#60;name&#62;`)
    const sessionPage = await (await fetch(`${running.url}/sessions/idx/`)).text()
    expect(sessionPage).toContain(`curl -s -X POST ${running.url}/sessions/idx/v1/conversations`)
    const openapi = await json(await fetch(`${running.url}/sessions/idx/openapi.json`))
    expect(openapi.servers[0].url).toBe(`${running.url}/sessions/idx`)
    await fetch(`${running.url}/__mock/sessions/idx`, { method: 'DELETE' })
  })
})

describe('idle sessions', () => {
  it('end after the idle time; the name then starts fresh', async () => {
    const running = await startHeymarketServer({ port: 0, dataset: loadFixture('just-reopened'), sessionIdleMs: 300 })
    try {
      await fetch(`${running.url}/sessions/idle/__mock/clock`, { method: 'POST', headers: auth, body: JSON.stringify({ set: '2027-03-03T00:00:00Z' }) })
      expect((await json(await fetch(`${running.url}/sessions/idle/__mock/clock`))).now).toBe('2027-03-03T00:00:00Z')
      await new Promise((resolve) => setTimeout(resolve, 450))
      expect((await json(await fetch(`${running.url}/sessions/idle/__mock/clock`))).now).not.toBe('2027-03-03T00:00:00Z')
    } finally {
      await running.close()
    }
  })

  it('the command line takes --max-sessions and --session-idle (minutes), and refuses nonsense', () => {
    expect(parseServeOptions(['--max-sessions', '50', '--session-idle', '5'])).toMatchObject({ maxSessions: 50, sessionIdleMs: 300_000 })
    expect(parseServeOptions(['--session-idle', '0'])).toMatchObject({ sessionIdleMs: 0 })
    expect(() => parseServeOptions(['--max-sessions', '0'])).toThrow(/--max-sessions must be a whole number of at least 1/)
    expect(() => parseServeOptions(['--session-idle', 'soon'])).toThrow(/--session-idle must be minutes/)
  })
})

describe('webhooks of sessions', () => {
  it('a session’s events reach the webhook URL tagged with its name; the default session’s carry no tag', async () => {
    const received: { session: string | undefined; type: string; text: unknown }[] = []
    const receiver = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => {
        const event = JSON.parse(body)
        received.push({ session: request.headers['x-heymarket-mock-session'] as string | undefined, type: event.type, text: event.event_data?.text ?? event.event_data?.message?.text })
        response.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const running = await startHeymarketServer({ port: 0, dataset: loadFixture('default'), webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` })
    try {
      const inboxId = running.mock.db.inbox.findMany().sort((a, b) => a.id - b.id)[0]!.id
      for (const [path, text] of [['/sessions/hooked', 'from the session'], ['', 'from the default']] as const) {
        const response = await fetch(`${running.url}${path}/__mock/inbound`, { method: 'POST', headers: auth, body: JSON.stringify({ from: '14155550177', inbox_id: inboxId, text }) })
        expect(response.status).toBe(200)
      }
      const start = Date.now()
      while (received.length < 2 && Date.now() - start < 5000) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(received.find((event) => event.session === 'hooked')).toBeDefined()
      expect(received.filter((event) => event.session === undefined).length).toBeGreaterThan(0)
      expect(received.filter((event) => event.session === 'hooked').every((event) => event.text === undefined || event.text === 'from the session')).toBe(true)
    } finally {
      await running.close()
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })
})
