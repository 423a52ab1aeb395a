/**
 * A diagnostic for V8's hidden-class links from `{}` (see src/store/compact-record.ts): in one process, the cost of
 * giving `{}` two properties and of zod's parse of a send body, before a mock exists (the baseline) and after a
 * mock of N seeded conversations has loaded, in interleaved rounds. Past 1,536 links, both cost many times their
 * baseline; with the store's keyed maps they stay near it. Writes nothing.
 *
 *   npx tsx bench/map-transitions.ts            100,000 conversations
 *   BENCH_SIZE=10000 npx tsx bench/map-transitions.ts
 */
import { createHeymarketMock } from '../src/core/index.js'
import { sendMessageRequestSchema } from '../src/schema/message-requests.js'
import { median } from './lib/measure.js'

const size = Number(process.env.BENCH_SIZE ?? 100_000)
const body = { inbox_id: 1, creator_id: 2, chat_id: 3, text: 'Thanks, on it!' }
const loops = {
  /** A property name this process gives `{}` for the first time in each round. */
  'two new properties on {}': (round: number) => {
    const first = `first_${round}`
    const second = `second_${round}`
    return () => {
      const object: Record<string, number> = {}
      object[first] = 1
      object[second] = 2
      return object
    }
  },
  'zod parse of a send body': () => () => sendMessageRequestSchema.safeParse({ ...body }),
}

function nanosecondsPer(run: () => unknown, count = 200_000): number {
  for (let i = 0; i < 2_000; i++) run()
  const started = performance.now()
  for (let i = 0; i < count; i++) run()
  return ((performance.now() - started) * 1e6) / count
}

const rounds = 7
const before: Record<string, number[]> = {}
for (const [name, loop] of Object.entries(loops)) before[name] = Array.from({ length: rounds }, (_, round) => nanosecondsPer(loop(round)))
const mock = createHeymarketMock({ seed: 1, size: { conversations: size, inboxes: 4, users: 12, contacts: Math.min(size, 5000), messagesPerConversation: { min: 1, max: 2 } } })
await mock.ready
console.log(`${size} conversations loaded (${mock.db.conversation.findMany((q) => q.where((c) => c.targets !== undefined)).length} group conversations)`)
console.log('| loop | before the mock | with the mock | with/before (min-max of rounds) |')
console.log('|---|---|---|---|')
for (const [name, loop] of Object.entries(loops)) {
  const after = Array.from({ length: rounds }, (_, round) => nanosecondsPer(loop(rounds + round)))
  const ratios = after.map((value, i) => value / before[name]![i]!)
  console.log(`| ${name} | ${median(before[name]!).toFixed(1)} ns | ${median(after).toFixed(1)} ns | ${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}) |`)
}
