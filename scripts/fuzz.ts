/**
 * npm run fuzz: at least 100,000 generated bad requests against every endpoint (FUZZ_RUNS to change it), each
 * checked for no 5xx, no hang, a JSON error naming its problem, no change to the state when refused, and (through
 * validateResponses) every answer matching its schema.
 */
import fc from 'fast-check'
import { checkCase, createFuzzTarget, fuzzCase } from '../test/fuzz/harness.js'

const runs = Number(process.env.FUZZ_RUNS ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const mock = await createFuzzTarget()
const statuses = new Map<number, number>()
let tried = 0
const started = performance.now()
console.log(`Fuzzing every endpoint with ${runs} generated requests (seed ${seed}; FUZZ_SEED=${seed} repeats this run)...`)
await fc.assert(
  fc.asyncProperty(fuzzCase(mock), async (fuzz) => {
    const { status } = await checkCase(mock, fuzz)
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
    tried++
    if (tried % 250 === 0) await mock.reset()
    if (tried % 10_000 === 0) console.log(`  ${tried} tried, ${((performance.now() - started) / 1000).toFixed(0)} s`)
  }),
  { numRuns: runs, seed },
)
const summary = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([status, count]) => `${status}: ${count}`).join(', ')
console.log(`Tried ${tried} requests in ${((performance.now() - started) / 1000).toFixed(1)} s. No 5xx, no hang, no refused request changed anything, every answer matched its schema.`)
console.log(`Statuses: ${summary}`)
