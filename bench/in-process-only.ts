/**
 * Section 1 of `npm run bench` alone, for iterating on in-process speed: list, get, close and send against the
 * static floor (and the static floor that reads the request body) and plain @msw/data, through getResponse and
 * through fetch, as medians of interleaved rounds with their spread. Writes nothing.
 *
 *   npx tsx bench/in-process-only.ts                  100,000 conversations
 *   BENCH_SIZES=1000,10000 npx tsx bench/in-process-only.ts
 *   BENCH_OPS=send,close BENCH_MODES=getResponse ...  only some operations or modes
 *   BENCH_PAIRS=21 ...                                fewer rounds (a quicker, noisier look)
 */
import { benchSize, OPERATIONS } from './lib/in-process.js'
import { formatMs } from './lib/measure.js'

const sizes = (process.env.BENCH_SIZES ?? '100000').split(',').map(Number)
const pairs = Number(process.env.BENCH_PAIRS ?? 61)
const operations = process.env.BENCH_OPS?.split(',') as (typeof OPERATIONS)[number][] | undefined
const modes = process.env.BENCH_MODES?.split(',') as ('getResponse' | 'fetch')[] | undefined
const spread = (s: { median: number; p10: number; p90: number }) => `${s.median.toFixed(2)}x (${s.p10.toFixed(2)}-${s.p90.toFixed(2)})`

console.log(`In process, ${pairs} interleaved rounds of 15 ms per variant; ratio = median of per-round mock/baseline (p10-p90)`)
for (const size of sizes) {
  const result = await benchSize(size, { pairs, operations, modes }, (line) => console.log(line))
  console.log('\n| conversations | mode | request | mock | static | mock/static | reading the body/static | @msw/data | mock/naive |')
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const mode of Object.keys(result.results) as ('getResponse' | 'fetch')[]) {
    for (const operation of Object.keys(result.results[mode]) as (typeof OPERATIONS)[number][]) {
      const row = result.results[mode][operation]
      const ratios = result.ratios[mode][operation]
      console.log(`| ${size} | ${mode} | ${operation} | ${formatMs(row.mock)} | ${formatMs(row.static)} | ${spread(ratios.static)} | ${spread(result.bodyReading[mode][operation])} | ${formatMs(row.naive)} | ${spread(ratios.naive)} |`)
    }
  }
}
