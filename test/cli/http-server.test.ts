import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, type Conversation } from '../../src/core/index.js'
import { parseServeOptions } from '../../src/server/command-line.js'
import { startHeymarketServer, type HeymarketHttpServer } from '../../src/server/index.js'

const auth = { Authorization: 'Bearer sdk-test', 'Content-Type': 'application/json' }

describe('the standalone HTTP server', () => {
  let running: HeymarketHttpServer
  beforeAll(async () => {
    running = await startHeymarketServer({ port: 0, seed: 12, size: { conversations: 50 }, cors: 'http://localhost:5173' })
  })
  afterAll(() => running.close())

  it('binds 127.0.0.1 by default', () => {
    expect(running.host).toBe('127.0.0.1')
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('answers the same API, byte for byte, as the msw handlers of a mock with the same seed', async () => {
    const twin = createHeymarketMock({ seed: 12, size: { conversations: 50 } })
    const body = JSON.stringify({ id: 0, filters: { closed: false }, limit: 20 })
    const overHttp = await fetch(`${running.url}/v1/conversations`, { method: 'POST', headers: auth, body })
    const inProcess = await twin.fetch('/v1/conversations', { method: 'POST', headers: auth, body })
    expect(overHttp.status).toBe(200)
    expect(await overHttp.text()).toBe(await inProcess.text())
    expect(overHttp.headers.get('x-request-id')).toBe(inProcess.headers.get('x-request-id'))
  })

  it('answers errors as JSON with X-Request-Id', async () => {
    const response = await fetch(`${running.url}/v1/conversations/nope`, { headers: auth })
    expect(response.status).toBe(400)
    expect(response.headers.get('x-request-id')).toBeTruthy()
    expect(await response.json()).toMatchObject({ error: 'bad_data', field: 'id' })
    const unauthenticated = await fetch(`${running.url}/v1/conversations`, { method: 'POST', body: '{}' })
    expect(unauthenticated.status).toBe(401)
  })

  it('shows a page at / with the ids to use and a request to try', async () => {
    const page = await (await fetch(`${running.url}/`)).text()
    expect(page).toContain('<h1>heymarket-mock</h1>')
    expect(page).toContain(`curl -s -X POST ${running.url}/v1/conversations`)
    const inbox = running.mock.db.inbox.findFirst()!
    expect(page).toContain(String(inbox.id))
  })

  it('offers control endpoints: inbound message, clock, reset', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${running.url}/__mock/${path}`, body === undefined ? {} : { method: 'POST', headers: auth, body: JSON.stringify(body) })
    const info = await (await control('info')).json()
    expect(info.counts.conversations).toBe(50)

    const clock = await (await control('clock', { set: '2026-12-01T09:00:00Z', advance: { minutes: 30 } })).json()
    expect(clock).toEqual({ now: '2026-12-01T09:30:00Z', frozen: true })

    const closed = running.mock.db.conversation.findFirst((q) => q.where({ status: 'closed', blocked: false }))!
    const inbound = await (await control('inbound', { conversation_id: closed.id, text: 'Hello from curl' })).json()
    expect(inbound).toMatchObject({ reopened: true, conversation: { id: closed.id, status: 'open', updated: '2026-12-01T09:30:00Z' } })

    const bad = await control('clock', { advance: 'soon' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: 'bad_data', field: 'advance' })

    const reset = await (await control('reset', {})).json()
    expect(reset.clock.frozen).toBe(false)
    const after = await fetch(`${running.url}/v1/conversations/${closed.id}`, { headers: auth })
    expect(((await after.json()) as Conversation).status).toBe('closed')

    expect((await control('nothing')).status).toBe(404)
  })

  it('ends a request hung by a fault when its client goes away, logging it as dropped, and keeps answering others', async () => {
    const added = await fetch(`${running.url}/__mock/faults`, { method: 'POST', headers: auth, body: JSON.stringify({ operations: ['getTeam'], network: 'hang', times: 1 }) })
    expect(added.status).toBe(200)
    const client = new AbortController()
    const hung = fetch(`${running.url}/v1/team`, { headers: auth, signal: client.signal }).catch((error: Error) => error)
    // Other requests are answered while it hangs.
    const list = await fetch(`${running.url}/v1/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ id: 0, filters: {}, limit: 1 }) })
    expect(list.status).toBe(200)
    client.abort()
    expect(await hung).toBeInstanceOf(Error)
    // The server notices the client left (the request's abort signal), so the hung request ends: logged with status 0.
    const deadline = Date.now() + 5000
    let logged: { path: string; status: number }[] = []
    while (Date.now() < deadline) {
      logged = (await (await fetch(`${running.url}/__mock/requests`)).json()) as { path: string; status: number }[]
      if (logged.some((entry) => entry.path === '/v1/team')) break
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(logged.filter((entry) => entry.path === '/v1/team').at(-1)).toMatchObject({ status: 0 })
  })

  it('answers CORS preflights for the configured origin only', async () => {
    const preflight = await fetch(`${running.url}/v1/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    const other = await fetch(`${running.url}/v1/conversations/count`, { method: 'POST', headers: { ...auth, Origin: 'http://evil.test' }, body: '{}' })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('can protect or turn off the control endpoints', async () => {
    const locked = await startHeymarketServer({ port: 0, seed: 1, size: { conversations: 3 }, controlToken: 's3cret' })
    const off = await startHeymarketServer({ port: 0, seed: 1, size: { conversations: 3 }, control: false })
    try {
      expect((await fetch(`${locked.url}/__mock/info`)).status).toBe(401)
      expect((await fetch(`${locked.url}/__mock/info`, { headers: { 'X-Mock-Control-Token': 's3cret' } })).status).toBe(200)
      expect((await fetch(`${off.url}/__mock/info`)).status).toBe(404)
    } finally {
      await Promise.all([locked.close(), off.close()])
    }
  })
})

const bin = new URL('../../dist/cli.js', import.meta.url).pathname

/** Starts the built bin and resolves with its URL once it prints it. */
async function startBin(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run npm run build (npm test does) before this test')
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000)
    child.stdout!.on('data', () => {
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output)
      const complete = args.includes('--quiet') || output.includes('Press Ctrl+C')
      if (match && complete) {
        clearTimeout(timer)
        resolve(match[0])
      }
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)))
  })
  return { child, url, output: () => output }
}

describe('the heymarket-mock bin', () => {
  it('serves a fixture, prints where it listens and a request to try, and exits 0 on SIGTERM', async () => {
    const { child, url, output } = await startBin(['--fixture', 'empty-inbox'])
    expect(output()).toMatch(/fixture empty-inbox: 0 conversations/)
    expect(output()).toMatch(/Try:\n {2}curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/v1\/conversations/)
    const count = await fetch(`${url}/v1/conversations/count`, { method: 'POST', headers: auth, body: '{}' })
    expect(await count.json()).toBe('0')
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })

  it('serves a seed and exits 0 on SIGINT', async () => {
    const { child, url } = await startBin(['--seed', '5', '--conversations', '25', '--quiet'])
    const count = await fetch(`${url}/v1/conversations/count`, { method: 'POST', headers: auth, body: '{}' })
    expect(await count.json()).toBe('25')
    child.kill('SIGINT')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })

  it('explains a wrong flag and exits 2', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(stderr).toMatch(/--port must be a whole number/)
    expect(stderr).toMatch(/Usage: heymarket-mock/)
  })

  it('refuses an unknown fixture, listing the known ones', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--fixture', 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const [code] = await once(child, 'exit')
    expect(code).toBe(1)
    expect(stderr).toMatch(/Known presets: .*busy-inbox/)
  })
})

describe('serve flags', () => {
  it('--validate-responses turns response validation on; without it the environment decides', () => {
    expect(parseServeOptions(['--validate-responses']).validateResponses).toBe(true)
    expect(parseServeOptions([]).validateResponses).toBeUndefined()
  })
})

describe('heymarket-mock init', () => {
  it("copies the project's own msw worker script into the given folder", async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const directory = join(mkdtempSync(join(tmpdir(), 'init-')), 'public')
    const child = spawn(process.execPath, [bin, 'init', directory, '--no-save'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: new URL('../../', import.meta.url).pathname })
    let stdout = ''
    child.stdout!.on('data', (chunk) => (stdout += chunk))
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(stdout).toMatch(/Copied msw 3\.\d+\.\d+'s worker script/)
    const copied = readFileSync(join(directory, 'mockServiceWorker.js'), 'utf8')
    expect(copied).toBe(readFileSync(new URL('../../node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8'))
  })

  it('needs exactly one folder', async () => {
    const child = spawn(process.execPath, [bin, 'init'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(stderr).toMatch(/init takes one argument/)
  })
})
