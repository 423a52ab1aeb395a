import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { median } from './measure.js'
import { load, startChild, stop } from './servers.js'

const AUTH = { Authorization: 'Bearer bench', 'Content-Type': 'application/json' }
export const HTTP_OPERATIONS = ['list', 'get', 'close', 'send'] as const
export type HttpOperation = (typeof HTTP_OPERATIONS)[number]

type Probe = { method: 'GET' | 'POST'; path: string; body?: string }

export type FloorResult = {
  conversations: number
  /** Per operation: each round's requests/s for the mock and the floor, and mock/floor per round. */
  operations: Record<HttpOperation, { mock: number[]; floor: number[]; ratios: number[]; median: number; min: number; max: number; bytes: number }>
}

/** The four requests over HTTP, against the largest inbox of a mock server that is already running. */
async function probes(url: string): Promise<Record<HttpOperation, Probe>> {
  const info = (await (await fetch(`${url}/__mock/info`)).json()) as { inboxes: { id: number; members: number[] }[] }
  const dataset = (await (await fetch(`${url}/__mock/dataset`)).json()) as {
    conversations: { id: number; inbox: number; status: string; channel: string; target: string; blocked?: boolean }[]
    contacts: { phone: string; blocked?: boolean; is_opted_out?: boolean }[]
  }
  // A send to a blocked or opted-out contact is refused (403): the send probe must reach its contact.
  const unreachable = new Set(dataset.contacts.filter((contact) => contact.blocked || contact.is_opted_out).map((contact) => contact.phone))
  const inbox = info.inboxes
    .map((candidate) => ({ candidate, size: dataset.conversations.filter((c) => c.inbox === candidate.id).length }))
    .sort((a, b) => b.size - a.size)[0]!.candidate
  const member = inbox.members[0]!
  const open = dataset.conversations.filter((c) => c.inbox === inbox.id && c.status === 'open' && c.channel === 'sms' && !c.blocked && !unreachable.has(c.target))
  const closed = open[0]!
  const sendTo = open[1]!
  return {
    list: { method: 'POST', path: '/v1/conversations', body: JSON.stringify({ id: member, filters: { inboxes: [inbox.id], closed: false }, limit: 30 }) },
    get: { method: 'GET', path: `/v1/conversations/${dataset.conversations[dataset.conversations.length >> 1]!.id}` },
    // Closing one conversation again and again: the first request closes it, the rest are the documented no-op.
    close: { method: 'POST', path: '/v1/conversations/close', body: JSON.stringify({ inbox_id: inbox.id, chat_id: closed.id, user_id: member }) },
    send: { method: 'POST', path: '/v1/message/send', body: JSON.stringify({ inbox_id: inbox.id, creator_id: member, phone_number: sendTo.target, text: 'Thanks, on it!' }) },
  }
}

/**
 * The mock's HTTP server against a bare node:http server that parses the same JSON body and answers the same bytes
 * (bench/floor-server.mjs), both in child processes, loaded by autocannon at 10 connections. Runs alternate between
 * the two, in an order that flips each round, so a noisy moment on the shared machine falls on both alike; each
 * round gives one ratio, and the median and range of the ratios are reported.
 */
export async function benchHttpFloor(conversations: number, options: { rounds: number; seconds: number }): Promise<FloorResult> {
  const mock = await startChild(['dist/cli.js', 'serve', '--port', '0', '--seed', '1', '--conversations', String(conversations), '--messages', '1-3', '--quiet'])
  let floor: Awaited<ReturnType<typeof startChild>> | undefined
  try {
    const requests = await probes(mock.url)
    const answers = []
    for (const operation of HTTP_OPERATIONS) {
      const probe = requests[operation]
      const response = await fetch(`${mock.url}${probe.path}`, { method: probe.method, headers: AUTH, ...(probe.body ? { body: probe.body } : {}) })
      const body = await response.text()
      if (response.status !== 200) throw new Error(`The mock answered ${response.status} to the ${operation} probe: ${body}`)
      answers.push({ method: probe.method, path: probe.path, status: response.status, body })
    }
    const directory = mkdtempSync(join(tmpdir(), 'heymarket-floor-'))
    const answersFile = join(directory, 'answers.json')
    writeFileSync(answersFile, JSON.stringify(answers))
    floor = await startChild(['bench/floor-server.mjs', answersFile])
    const result = { conversations, operations: {} } as FloorResult
    for (const [index, operation] of HTTP_OPERATIONS.entries()) {
      const probe = requests[operation]
      const target = (url: string) => ({
        url: `${url}${probe.path}`,
        method: probe.method,
        headers: AUTH,
        ...(probe.body ? { body: probe.body } : {}),
        connections: 10,
        duration: options.seconds,
      })
      const rows = { mock: [] as number[], floor: [] as number[], ratios: [] as number[] }
      for (let round = 0; round < options.rounds; round++) {
        const order = (round + index) % 2 === 0 ? (['mock', 'floor'] as const) : (['floor', 'mock'] as const)
        const measured: Record<'mock' | 'floor', number> = { mock: 0, floor: 0 }
        for (const side of order) {
          const outcome = await load(target(side === 'mock' ? mock.url : floor.url), round === 0)
          if (outcome.errors > 0 || outcome.non2xx > 0) throw new Error(`${side} ${operation}: ${outcome.errors} errors, ${outcome.non2xx} non-2xx answers`)
          measured[side] = outcome.requestsPerSecond
        }
        rows.mock.push(measured.mock)
        rows.floor.push(measured.floor)
        rows.ratios.push(measured.mock / measured.floor)
      }
      result.operations[operation] = {
        ...rows,
        median: median(rows.ratios),
        min: Math.min(...rows.ratios),
        max: Math.max(...rows.ratios),
        bytes: Buffer.byteLength(answers[index]!.body),
      }
    }
    return result
  } finally {
    if (floor) await stop(floor.child)
    await stop(mock.child)
  }
}
