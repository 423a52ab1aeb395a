/**
 * Section 8 of `npm run bench` alone, for iterating on the HTTP server: the mock's server against the bare
 * node:http floor (bench/floor-server.mjs), list, get, close and send, as medians of interleaved rounds with their
 * range. Needs `npm run build` first (it runs dist/cli.js). Writes nothing.
 *
 *   npx tsx bench/http-floor-only.ts                 10,000 conversations, 5 rounds of 3 s
 *   BENCH_SIZES=10000,100000 BENCH_ROUNDS=3 BENCH_SECONDS=2 npx tsx bench/http-floor-only.ts
 */
import { benchHttpFloor, HTTP_OPERATIONS } from './lib/http-floor.js'

const sizes = (process.env.BENCH_SIZES ?? '10000').split(',').map(Number)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const seconds = Number(process.env.BENCH_SECONDS ?? 3)

console.log(`HTTP server against the node:http floor, ${rounds} interleaved rounds of ${seconds} s at 10 connections`)
console.log('| conversations | request | mock req/s | floor req/s | mock/floor (min-max) |')
console.log('|---|---|---|---|---|')
for (const size of sizes) {
  const result = await benchHttpFloor(size, { rounds, seconds })
  for (const operation of HTTP_OPERATIONS) {
    const row = result.operations[operation]
    const mid = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
    console.log(`| ${size} | ${operation} | ${mid(row.mock).toFixed(0)} | ${mid(row.floor).toFixed(0)} | ${row.median.toFixed(2)}x (${row.min.toFixed(2)}-${row.max.toFixed(2)}) |`)
  }
}
