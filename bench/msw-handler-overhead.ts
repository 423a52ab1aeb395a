/**
 * What msw costs a handler per request through `getResponse`, for the mock's handler class (src/http/msw-handlers.ts:
 * no request clone, no `finalize` machinery) against msw's `http.post`, each answering the same fixed bytes, with
 * and without reading the request body first; interleaved rounds, medians and the p10-p90 of the ratios. The
 * in-process targets of `npm run bench` compare the mock with `http.post`'s figures. Writes nothing.
 *
 *   npx tsx bench/msw-handler-overhead.ts
 */
import { getResponse, http, type HttpHandler } from 'msw'
import { ApiPrefixHandler } from '../src/http/msw-handlers.js'
import { median } from './lib/measure.js'

const BASE = 'https://api.heymarket.com'
const bytes = new TextEncoder().encode(JSON.stringify({ id: 99999999, date: '2026-11-02T17:00:00.123456Z', convo_id: 5, queued: true, compliance_results: {} }))
const answer = () => new Response(bytes, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.byteLength) } })
const request = () =>
  new Request(`${BASE}/v1/message/send`, {
    method: 'POST',
    headers: { Authorization: 'Bearer bench', 'Content-Type': 'application/json' },
    body: JSON.stringify({ inbox_id: 1, creator_id: 2, chat_id: 3, text: 'Thanks, on it!' }),
  })

const variants: Record<string, HttpHandler[]> = {
  'http.post': [http.post(`${BASE}/v1/message/send`, () => answer())],
  'http.post, reading the body': [
    http.post(`${BASE}/v1/message/send`, async ({ request }) => {
      await request.arrayBuffer()
      return answer()
    }),
  ],
  "the mock's handler": [new ApiPrefixHandler(`${BASE}/v1/*`, async () => answer())],
  "the mock's handler, reading the body": [
    new ApiPrefixHandler(`${BASE}/v1/*`, async (sent) => {
      await sent.arrayBuffer()
      return answer()
    }),
  ],
}

const run = async (handlers: HttpHandler[]) => (await getResponse(handlers, request()))!.text()
const times: Record<string, number[]> = {}
for (const [name, handlers] of Object.entries(variants)) {
  times[name] = []
  for (let i = 0; i < 2_000; i++) await run(handlers)
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 61)
for (let round = 0; round < rounds; round++) {
  const names = Object.keys(variants)
  // The order turns each round, so that no variant always runs after another.
  for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
    let count = 0
    const started = performance.now()
    while (performance.now() - started < 20) {
      await run(variants[name]!)
      count++
    }
    times[name]!.push(((performance.now() - started) * 1000) / count)
  }
}
const floor = times['http.post']!
console.log(`getResponse, ${rounds} interleaved rounds of 20 ms per variant`)
console.log('| handler | µs per request | over http.post (p10-p90 of rounds) |')
console.log('|---|---|---|')
for (const [name, values] of Object.entries(times)) {
  const ratios = values.map((value, i) => value / floor[i]!).sort((a, b) => a - b)
  const at = (share: number) => ratios[Math.min(ratios.length - 1, Math.floor(share * ratios.length))]!
  console.log(`| ${name} | ${median(values).toFixed(1)} | ${median(ratios).toFixed(2)}x (${at(0.1).toFixed(2)}-${at(0.9).toFixed(2)}) |`)
}
