import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import autocannon from 'autocannon'
import { describe, expect, it } from 'vitest'

const bin = new URL('../../dist/cli.js', import.meta.url).pathname
const auth = { Authorization: 'Bearer safety', 'Content-Type': 'application/json' }

async function start(args: string[], nodeArgs: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeArgs, bin, 'serve', '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr!.on('data', (chunk) => (output += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output)
      if (match) resolve(match[0])
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
  })
  return { child, url }
}

describe('the standalone server under stress', () => {
  it('refuses an oversized body with 413 and goes on serving', async () => {
    const { child, url } = await start(['--seed', '2', '--conversations', '20', '--max-body-bytes', '65536'])
    try {
      const big = await fetch(`${url}/v1/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ id: 0, filters: {}, padding: 'x'.repeat(200_000) }) })
      expect(big.status).toBe(413)
      expect(await big.json()).toMatchObject({ error: 'payload_too_large' })
      expect((await fetch(`${url}/v1/conversations/count`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })

  it('finishes a request in flight when told to stop (SIGTERM), then exits 0', async () => {
    const { child, url } = await start(['--seed', '2', '--conversations', '20', '--latency', '800'])
    const inFlight = fetch(`${url}/v1/conversations/count`, { method: 'POST', headers: auth, body: '{}' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    child.kill('SIGTERM')
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(await response.json()).toBe('20')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })

  it('drops the connection for an injected network fault, from the command line', async () => {
    const { child, url } = await start(['--seed', '2', '--conversations', '5', '--fail', 'network'])
    try {
      await expect(fetch(`${url}/v1/inboxes`, { headers: auth })).rejects.toThrow(TypeError)
      const faults = await (await fetch(`${url}/__mock/faults`)).json()
      expect(faults).toMatchObject([{ network: 'error' }])
      await fetch(`${url}/__mock/faults`, { method: 'DELETE' })
      expect((await fetch(`${url}/v1/inboxes`, { headers: auth })).status).toBe(200)
      const added = await (await fetch(`${url}/__mock/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 503, times: 1 }) })).json()
      expect(added.id).toBeGreaterThan(0)
      expect((await fetch(`${url}/v1/inboxes`, { headers: auth })).status).toBe(503)
      expect((await fetch(`${url}/v1/inboxes`, { headers: auth })).status).toBe(200)
      expect((await fetch(`${url}/__mock/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"status": 418}' })).status).toBe(400)
    } finally {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })

  it('answers tens of thousands of requests at dozens of connections with no error, and its memory stays bounded', async () => {
    const { child, url } = await start(['--seed', '3', '--conversations', '2000'], ['--expose-gc'])
    try {
      const info = (await (await fetch(`${url}/__mock/info`)).json()) as { inboxes: { id: number; members: number[] }[] }
      const inbox = info.inboxes[0]!
      const page = (await (await fetch(`${url}/v1/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ id: 0, filters: {}, limit: 10 }) })).json()) as { id: number }[]
      const chat = page[0]!.id
      const requests: autocannon.Request[] = [
        { method: 'POST', path: '/v1/conversations', headers: auth, body: JSON.stringify({ id: inbox.members[0], filters: { inboxes: [inbox.id], closed: false }, limit: 30 }) },
        { method: 'GET', path: `/v1/conversations/${chat}`, headers: auth },
        { method: 'POST', path: '/v1/conversations/count', headers: auth, body: '{}' },
        { method: 'GET', path: '/v1/inboxes', headers: auth },
      ]
      const heap = async () => ((await (await fetch(`${url}/__mock/health?gc=1`)).json()) as { memory: { heapUsed: number } }).memory.heapUsed
      // Warm up first (compiled code and caches settle), so that what follows measures growth, not start-up.
      await autocannon({ url, connections: 40, amount: 10_000, requests })
      const before = await heap()
      const result = await autocannon({ url, connections: 40, amount: 30_000, requests, timeout: 10 })
      const after = await heap()
      console.info(`soak: ${result.requests.total} requests, ${result.requests.average} req/s, heap ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MiB`)
      expect(result.errors).toBe(0)
      expect(result.timeouts).toBe(0)
      expect(result.non2xx).toBe(0)
      expect(result.requests.total).toBeGreaterThanOrEqual(30_000)
      // Stated bound: once warm, 30,000 requests grow the collected heap by less than 16 MiB (measured: about 0).
      expect(after - before).toBeLessThan(16 * 1024 * 1024)
    } finally {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  }, 120_000)
})
