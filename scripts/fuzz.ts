/**
 * npm run fuzz: at least 100,000 generated requests (FUZZ_RUNS to change the total, FUZZ_SEED to repeat a run):
 * - cases generated from the OpenAPI document (every operation and field, valid and invalid values by type and
 *   format) through the HTTP server and through msw (setupServer and fetch);
 * - the hand-made mutations of test/fuzz/harness.ts straight into the mock;
 * - raw-HTTP cases over sockets (methods, request targets, framing, headers, slow and cut connections).
 * Each is checked for no 5xx, no hang, an X-Request-Id, a JSON error naming its problem, no change to the state
 * when refused, and (through validateResponses) every answer matching its schema. Prints the counts by status.
 */
import fc from 'fast-check'
import { setupServer } from 'msw/node'
import { startHeymarketServer } from '../src/server/index.js'
import { checkCase, createFuzzTarget, FUZZ_TARGET_OPTIONS, fuzzCase, type FuzzCase, type Send } from '../test/fuzz/harness.js'
import { openApiCase } from '../test/fuzz/openapi-cases.js'
import { checkRaw, rawCase, sendRaw } from '../test/fuzz/raw-http.js'
import type { HeymarketMock } from '../src/core/index.js'

const total = Number(process.env.FUZZ_RUNS ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const share = (fraction: number) => Math.max(1, Math.round(total * fraction))
const started = performance.now()
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`
const byTarget = new Map<string, Map<number, number>>()
let tried = 0

function count(target: string, status: number) {
  const statuses = byTarget.get(target) ?? new Map<number, number>()
  statuses.set(status, (statuses.get(status) ?? 0) + 1)
  byTarget.set(target, statuses)
  if (++tried % 10_000 === 0) console.log(`  ${tried} tried, ${elapsed()}`)
}

async function run(target: string, mock: HeymarketMock, cases: fc.Arbitrary<FuzzCase>, send: Send, numRuns: number) {
  let done = 0
  await fc.assert(
    fc.asyncProperty(cases, async (fuzz) => {
      const { status } = await checkCase(mock, fuzz, send)
      count(target, status)
      if (++done % 250 === 0) await mock.reset()
    }),
    { numRuns, seed },
  )
}

console.log(`Fuzzing with ${total} generated requests (seed ${seed}; FUZZ_SEED=${seed} repeats this run)...`)
const server = await startHeymarketServer({ port: 0, ...FUZZ_TARGET_OPTIONS })
try {
  await run('OpenAPI cases, HTTP server', server.mock, openApiCase(server.mock), (path, init) => fetch(`${server.url}${path}`, init), share(0.35))
  const direct = await createFuzzTarget()
  await run('hand-made mutations, mock.fetch', direct, fuzzCase(direct), (path, init) => direct.fetch(path, init), share(0.35))
  const intercepted = await createFuzzTarget({ baseUrl: 'https://fuzz.heymarket.test' })
  const msw = setupServer(...intercepted.handlers)
  msw.listen()
  try {
    await run('OpenAPI cases, msw', intercepted, openApiCase(intercepted), (path, init) => fetch(`https://fuzz.heymarket.test${path}`, init), share(0.2))
  } finally {
    msw.close()
  }
  await fc.assert(
    fc.asyncProperty(rawCase, async (fuzz) => {
      const answer = await sendRaw(server.port, fuzz)
      checkRaw(fuzz, answer)
      count('raw HTTP (0 = closed without an answer)', answer.status)
    }),
    { numRuns: share(0.1), seed },
  )
  const after = await fetch(`${server.url}/v1/inboxes`, { headers: { Authorization: 'Bearer after' } })
  if (after.status !== 200) throw new Error(`the server stopped answering after the raw cases (${after.status})`)
} finally {
  await server.close()
}

console.log(`Tried ${tried} requests in ${elapsed()}. No 5xx, no hang, every answer had a request id, no refused request changed anything, every answer matched its schema.`)
const all = new Map<number, number>()
for (const [target, statuses] of byTarget) {
  const line = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`).join(', ')
  console.log(`  ${target}: ${line}`)
  for (const [status, n] of statuses) all.set(status, (all.get(status) ?? 0) + n)
}
const fiveHundreds = [...all.entries()].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0)
console.log(`Statuses: ${[...all.entries()].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`).join(', ')}; 5xx: ${fiveHundreds}`)
