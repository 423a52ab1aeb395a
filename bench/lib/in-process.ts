import { getResponse, type HttpHandler } from 'msw'
import { setupServer } from 'msw/node'
import { createHeymarketMock, type HeymarketMock } from '../../src/core/index.js'
import { bodyReadingHandlers, naiveHandlers, staticHandlers } from './alternatives.js'
import { comparePaired, formatMs, pairedRatio, type PairedOptions, type RatioSpread } from './measure.js'

const BASE = 'https://api.heymarket.com'
const AUTH = { Authorization: 'Bearer bench', 'Content-Type': 'application/json' }

export const OPERATIONS = ['list', 'get', 'close', 'send'] as const
export type Operation = (typeof OPERATIONS)[number]
export const VARIANTS = ['mock', 'static', 'reading', 'naive'] as const
export type Variant = (typeof VARIANTS)[number]
export type Mode = 'getResponse' | 'fetch'

export type SizeResult = {
  conversations: number
  messages: number
  loadMs: number
  /** [mode][operation][variant] → median ms per operation */
  results: Record<Mode, Record<Operation, Record<Variant, number>>>
  /** [mode][operation][baseline] → mock/baseline, per interleaved round, summarized (the targets read these) */
  ratios: Record<Mode, Record<Operation, Record<Exclude<Variant, 'mock'>, RatioSpread>>>
  /**
   * [mode][operation] → the static floor that reads the request body, over the static floor, per round: what msw
   * takes to hand a handler its request's JSON, which no handler that acts on a request avoids.
   */
  bodyReading: Record<Mode, Record<Operation, RatioSpread>>
}

const spreadText = (spread: RatioSpread) => `${spread.median.toFixed(2)}x (p10-p90 ${spread.p10.toFixed(2)}-${spread.p90.toFixed(2)})`

/** A mock of `conversations` conversations for benchmarking, with what the operations need. */
export async function prepare(conversations: number) {
  const started = performance.now()
  const mock = createHeymarketMock({
    seed: 1,
    size: { conversations, inboxes: 4, users: 12, contacts: Math.min(conversations, 5000), messagesPerConversation: { min: 1, max: 2 } },
  })
  await mock.ready
  const loadMs = performance.now() - started
  const inbox = mock.db.inbox
    .findMany()
    .map((candidate) => ({ candidate, size: mock.db.conversation.findMany((q) => q.where({ inbox: candidate.id })).length }))
    .sort((a, b) => b.size - a.size)[0]!.candidate
  const member = inbox.members[0]!
  const reachable = (phone: string) => {
    const contact = mock.db.contact.findFirst((q) => q.where({ phone }))
    return !contact?.is_opted_out && !contact?.blocked
  }
  const open = mock.db.conversation
    .findMany((q) => q.where((c) => c.inbox === inbox.id && c.status === 'open' && c.channel === 'sms' && !c.blocked))
    .filter((c) => reachable(c.target))
    .sort((a, b) => a.id - b.id)
  const all = mock.db.conversation.findMany().map((c) => c.id)
  const sample = Array.from({ length: 200 }, (_, i) => all[Math.floor((i * all.length) / 200)]!)
  // Separate conversations per variant, so that one variant's closes never meet another's opens.
  const poolSize = Math.min(30, Math.floor(open.length / 6))
  if (poolSize < 2) throw new Error(`Too few open conversations (${open.length}) to benchmark closes and sends at ${conversations}.`)
  const pool = (variant: number, kind: number) => open.slice((variant * 2 + kind) * poolSize, (variant * 2 + kind + 1) * poolSize).map((c) => c.id)
  return { mock, loadMs, inbox: inbox.id, member, closePools: [pool(0, 0), pool(1, 0), pool(2, 0)], sendPools: [pool(0, 1), pool(1, 1), pool(2, 1)], sample }
}

type Prepared = Awaited<ReturnType<typeof prepare>>

/** Which of `prepare`'s pools of conversations each variant closes and sends into. */
const POOL_OF: Record<Variant, number> = { mock: 0, static: 1, reading: 1, naive: 2 }

/** The four requests, each call a fresh Request (bodies are read once). */
function requests(prepared: Prepared, variant = 0) {
  let getIndex = 0
  let closeIndex = 0
  let sendIndex = 0
  const pool = prepared.closePools[variant]!
  const sendPool = prepared.sendPools[variant]!
  return {
    list: () =>
      new Request(`${BASE}/v1/conversations`, {
        method: 'POST',
        headers: AUTH,
        body: JSON.stringify({ id: prepared.member, filters: { inboxes: [prepared.inbox], closed: false }, limit: 30 }),
      }),
    get: () => new Request(`${BASE}/v1/conversations/${prepared.sample[getIndex++ % prepared.sample.length]}`, { headers: AUTH }),
    close: () => {
      const k = closeIndex++
      const id = pool[k % pool.length]!
      const action = Math.floor(k / pool.length) % 2 === 0 ? 'close' : 'open'
      return new Request(`${BASE}/v1/conversations/${action}`, { method: 'POST', headers: AUTH, body: JSON.stringify({ chat_id: id, inbox_id: prepared.inbox, user_id: prepared.member }) })
    },
    send: () =>
      new Request(`${BASE}/v1/message/send`, {
        method: 'POST',
        headers: AUTH,
        body: JSON.stringify({ inbox_id: prepared.inbox, creator_id: prepared.member, chat_id: sendPool[sendIndex++ % sendPool.length], text: 'Thanks, on it!' }),
      }),
  } satisfies Record<Operation, () => Request>
}

async function answersFor(mock: HeymarketMock, prepared: Prepared) {
  const make = requests(prepared)
  const read = async (request: Request) => (await mock.fetch(request)).json()
  return {
    page: await read(make.list()),
    conversation: await read(make.get()),
    sent: { id: 99_999_999, date: '2026-11-02T17:00:00.123456Z', convo_id: prepared.sendPools[0]![0], queued: true, compliance_results: {} },
  }
}

/** Measures list, get, close and send for the mock and both alternatives, without and with msw/node interception. */
export type SizeOptions = PairedOptions & {
  /** Only these operations (default all). */
  operations?: readonly Operation[]
  /** Only these modes (default both). */
  modes?: readonly Mode[]
}

export async function benchSize(conversations: number, options: SizeOptions, log: (line: string) => void): Promise<SizeResult> {
  const prepared = await prepare(conversations)
  const { mock } = prepared
  log(`  ${conversations} conversations, ${mock.db.message.count()} messages loaded in ${formatMs(prepared.loadMs)}`)
  const answers = await answersFor(mock, prepared)
  const handlers: Record<Variant, HttpHandler[]> = {
    mock: mock.handlers,
    static: staticHandlers(BASE, answers),
    reading: bodyReadingHandlers(BASE, answers),
    naive: naiveHandlers(BASE, mock),
  }
  const results = {} as SizeResult['results']
  const ratios = {} as SizeResult['ratios']
  const bodyReading = {} as SizeResult['bodyReading']
  const server = setupServer(...handlers.mock)
  server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never)
  // One msw server, four sets of handlers told apart by base URL, so that variants can interleave.
  const hosts: Record<Variant, string> = { mock: BASE, static: 'https://static.bench', reading: 'https://reading.bench', naive: 'https://naive.bench' }
  server.use(...staticHandlers(hosts.static, answers), ...bodyReadingHandlers(hosts.reading, answers), ...naiveHandlers(hosts.naive, mock))
  try {
    for (const mode of options.modes ?? (['getResponse', 'fetch'] as const)) {
      results[mode] = {} as Record<Operation, Record<Variant, number>>
      ratios[mode] = {} as SizeResult['ratios'][Mode]
      bodyReading[mode] = {} as SizeResult['bodyReading'][Mode]
      for (const operation of options.operations ?? OPERATIONS) {
        const runs = {} as Record<Variant, () => Promise<void>>
        for (const variant of VARIANTS) {
          // The floors change nothing, so the body-reading one shares the static floor's conversations.
          const make = requests(prepared, POOL_OF[variant])[operation]
          runs[variant] =
            mode === 'getResponse'
              ? async () => {
                  const response = await getResponse(handlers[variant], make())
                  await response!.text()
                }
              : async () => {
                  const request = make()
                  const url = request.url.replace(BASE, hosts[variant])
                  const response = await fetch(url, { method: request.method, headers: AUTH, ...(request.method === 'GET' ? {} : { body: await request.text() }) })
                  await response.text()
                }
        }
        const paired = await comparePaired('mock', runs, options)
        results[mode][operation] = paired.medians
        ratios[mode][operation] = { static: paired.ratios.static, reading: paired.ratios.reading, naive: paired.ratios.naive }
        bodyReading[mode][operation] = pairedRatio(paired.rounds.reading, paired.rounds.static)
        const row = paired.medians
        log(
          `    ${mode.padEnd(11)} ${operation.padEnd(5)} mock ${formatMs(row.mock).padStart(9)}  static ${formatMs(row.static).padStart(9)}  naive ${formatMs(row.naive).padStart(9)}  mock/static ${spreadText(paired.ratios.static)}  reading the body/static ${spreadText(bodyReading[mode][operation])}  mock/naive ${spreadText(paired.ratios.naive)}`,
        )
        // Every variant wrote to the same data: start the next operation from the seeded state again.
        await mock.reset()
      }
    }
  } finally {
    server.close()
  }
  return { conversations, messages: mock.db.message.count(), loadMs: prepared.loadMs, results, ratios, bodyReading }
}
