import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { median } from './measure.js'
import { startChild, stop } from './servers.js'

type Child = { child: ChildProcess; url: string }

/** The mock's server in a child process (with --expose-gc, so memory can be read after a full collection). */
function startServer(args: string[]): Promise<Child> {
  return startChild(['--expose-gc', 'dist/cli.js', 'serve', '--port', '0', '--quiet', ...args])
}

/** The resident set of a process as the kernel reports it (/proc/<pid>/status), in MiB: measured from outside. */
function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1]) / 1024
}

const json = { Authorization: 'Bearer bench', 'Content-Type': 'application/json' }

async function createSession(url: string, name: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${url}/__mock/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ name }) })
  const body = (await response.json()) as { created?: boolean }
  const elapsed = performance.now() - started
  if (response.status !== 201 || body.created !== true) throw new Error(`creating session ${name} answered ${response.status}`)
  return elapsed
}

export type SessionsResult = {
  source: string
  /** The first named session: prepares the dataset every later session copies (once per server). */
  firstSessionMs: number
  /** Each later new session: `POST /__mock/sessions` round trip until its mock is ready. */
  newSession: { medianMs: number; p90Ms: number; maxMs: number; samples: number }
  memory: { sessions: number; baselineMiB: number; residentMiB: number; perSessionMiB: number }
  load: { sessions: number; singleRps: number[]; manyRps: number[]; ratios: number[]; ratio: number; connections: number; seconds: number }
}

/** A page of open conversations of the first inbox, as the list benchmark elsewhere asks for it. */
async function listBody(url: string): Promise<string> {
  const info = (await (await fetch(`${url}/__mock/info`)).json()) as { inboxes: { id: number; members: number[] }[] }
  const inbox = info.inboxes.find((candidate) => candidate.members.length > 0)!
  return JSON.stringify({ id: inbox.members[0], filters: { inboxes: [inbox.id] }, limit: 30 })
}

async function requestsPerSecond(options: autocannon.Options): Promise<{ rps: number; bad: number }> {
  const result = await autocannon(options)
  return { rps: result.requests.average, bad: result.errors + result.timeouts + result.non2xx }
}

/**
 * Sessions, measured from outside a `serve` process at the default size (200 conversations):
 * - how long a new session takes to be ready (a POST /__mock/sessions round trip, after the first);
 * - the resident memory of the server holding `memorySessions` sessions, each used once (from /proc);
 * - list throughput with `loadSessions` sessions under load against one session, in interleaved rounds.
 */
export async function benchSessions(options: { args: string[]; source: string; newSessions: number; memorySessions: number; loadSessions: number; rounds: number; seconds: number }): Promise<SessionsResult> {
  const server = await startServer(options.args)
  try {
    const body = await listBody(server.url)
    const list = async (path: string) => {
      const response = await fetch(`${server.url}${path}/v1/conversations`, { method: 'POST', headers: json, body })
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
      await response.arrayBuffer()
    }
    await list('')
    const baselineMiB = residentMiB(server.child.pid!)

    const firstSessionMs = await createSession(server.url, 'first')
    const times: number[] = []
    for (let i = 0; i < options.newSessions; i++) times.push(await createSession(server.url, `new-${i}`))
    const sorted = [...times].sort((a, b) => a - b)

    // Fill up to memorySessions, each used once, then read the resident set.
    const named = 1 + options.newSessions
    for (let i = 0; i < options.memorySessions - named; i++) await createSession(server.url, `fill-${i}`)
    const all = ['first', ...Array.from({ length: options.newSessions }, (_, i) => `new-${i}`), ...Array.from({ length: options.memorySessions - named }, (_, i) => `fill-${i}`)]
    for (const name of all) await list(`/sessions/${name}`)
    await fetch(`${server.url}/__mock/health?gc=1`)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const resident = residentMiB(server.child.pid!)

    // Load: one session against loadSessions sessions, same request, same connections, rounds interleaved.
    const loadNames = all.slice(0, options.loadSessions)
    const request = (path: string) => ({ method: 'POST' as const, path: `${path}/v1/conversations`, headers: json, body })
    const single = { url: server.url, connections: 10, duration: options.seconds, requests: [request('/sessions/first')] }
    let next = 0
    const many = {
      url: server.url,
      connections: 10,
      duration: options.seconds,
      requests: [{ ...request('/sessions/first'), setupRequest: (req: autocannon.Request) => ({ ...req, path: `/sessions/${loadNames[next++ % loadNames.length]}/v1/conversations` }) }],
    }
    await autocannon({ ...single, duration: 1 })
    await autocannon({ ...many, duration: 1 })
    const singleRps: number[] = []
    const manyRps: number[] = []
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? (['single', 'many'] as const) : (['many', 'single'] as const)
      for (const which of order) {
        const { rps, bad } = await requestsPerSecond(which === 'single' ? single : many)
        if (bad > 0) throw new Error(`${which}: ${bad} failed requests under load`)
        ;(which === 'single' ? singleRps : manyRps).push(rps)
      }
    }
    const ratios = singleRps.map((rps, i) => rps / manyRps[i]!)
    return {
      source: options.source,
      firstSessionMs,
      newSession: { medianMs: median(times), p90Ms: sorted[Math.floor(sorted.length * 0.9)]!, maxMs: sorted.at(-1)!, samples: times.length },
      memory: { sessions: options.memorySessions, baselineMiB, residentMiB: resident, perSessionMiB: (resident - baselineMiB) / options.memorySessions },
      load: { sessions: loadNames.length, singleRps, manyRps, ratios, ratio: median(singleRps) / median(manyRps), connections: 10, seconds: options.seconds },
    }
  } finally {
    await stop(server.child)
  }
}
