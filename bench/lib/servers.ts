import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import autocannon from 'autocannon'

const root = new URL('../../', import.meta.url).pathname

export async function startChild(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output)
      if (match) resolve(match[0])
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
  return { child, url }
}

/** The json-server 1.x version the benchmark installed (package alias json-server-1). */
function jsonServer1Version(): string {
  return (createRequire(import.meta.url)('json-server-1/package.json') as { version: string }).version
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export type Load = { requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number }

export async function load(options: autocannon.Options, warmup = true): Promise<Load> {
  // A short warm-up, then the measured run.
  if (warmup) await autocannon({ ...options, duration: 1 })
  const result = await autocannon(options)
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

/**
 * The standalone server and json-server, each in its own process, each serving the same 10,000 conversations,
 * loaded on loopback by autocannon (10 connections): the mock's `POST /v1/conversations` (first page of an
 * inbox's open conversations) against json-server's filtered, sorted, paged `GET /conversations`.
 */
export async function benchServers(conversations: number, seconds: number) {
  const mock = await startChild(['dist/cli.js', 'serve', '--port', '0', '--seed', '1', '--conversations', String(conversations), '--quiet'])
  try {
    const info = (await (await fetch(`${mock.url}/__mock/info`)).json()) as { inboxes: { id: number; members: number[] }[] }
    const dataset = (await (await fetch(`${mock.url}/__mock/dataset`)).json()) as { conversations: { inbox: number }[] }
    const inbox = info.inboxes
      .map((candidate) => ({ candidate, size: dataset.conversations.filter((c) => c.inbox === candidate.id).length }))
      .sort((a, b) => b.size - a.size)[0]!.candidate
    const body = JSON.stringify({ id: inbox.members[0], filters: { inboxes: [inbox.id], closed: false }, limit: 30 })
    const check = await fetch(`${mock.url}/v1/conversations`, { method: 'POST', headers: { Authorization: 'Bearer bench', 'Content-Type': 'application/json' }, body })
    if (check.status !== 200 || ((await check.json()) as unknown[]).length !== 30) throw new Error('the mock did not answer a full page')
    const ours = await load({
      url: `${mock.url}/v1/conversations`,
      method: 'POST',
      headers: { Authorization: 'Bearer bench', 'Content-Type': 'application/json' },
      body,
      connections: 10,
      duration: seconds,
    })

    const directory = mkdtempSync(join(tmpdir(), 'heymarket-bench-'))
    const dbFile = join(directory, 'db.json')
    writeFileSync(dbFile, JSON.stringify({ conversations: dataset.conversations }))
    const jsonServer = await startChild(['bench/json-server-app.cjs', dbFile])
    let theirs: Load
    try {
      const path = `/conversations?inbox=${inbox.id}&status=open&_sort=updated&_order=desc&_limit=30`
      const probe = await fetch(`${jsonServer.url}${path}`)
      if (probe.status !== 200 || ((await probe.json()) as unknown[]).length !== 30) throw new Error('json-server did not answer a full page')
      theirs = await load({ url: `${jsonServer.url}${path}`, connections: 10, duration: seconds })
    } finally {
      await stop(jsonServer.child)
    }
    // json-server 1 (beta): the same query in its own syntax (sort key with a minus for descending, pages of 30).
    const jsonServer1 = await startChild(['bench/json-server-1-app.mjs', dbFile])
    try {
      const path = `/conversations?inbox=${inbox.id}&status=open&_sort=-updated&_page=1&_per_page=30`
      const probe = await fetch(`${jsonServer1.url}${path}`)
      if (probe.status !== 200 || ((await probe.json()) as { data: unknown[] }).data.length !== 30) throw new Error('json-server 1 did not answer a full page')
      const theirs1 = await load({ url: `${jsonServer1.url}${path}`, connections: 10, duration: seconds })
      return { conversations, mock: ours, jsonServer: theirs, jsonServer1: { version: jsonServer1Version(), ...theirs1 } }
    } finally {
      await stop(jsonServer1.child)
    }
  } finally {
    await stop(mock.child)
  }
}
