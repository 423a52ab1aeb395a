import fc from 'fast-check'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHeymarketServer, type HeymarketHttpServer } from '../src/server/index.js'
import { checkCase, createFuzzTarget, FUZZ_TARGET_OPTIONS, fuzzCase } from './fuzz/harness.js'
import { openApiCase } from './fuzz/openapi-cases.js'
import { checkRaw, rawCase, sendRaw } from './fuzz/raw-http.js'

const runs = (fallback: number) => Math.max(1, Math.round((Number(process.env.FUZZ_RUNS ?? 0) || fallback)))

describe('bad input, generated (fast-check)', () => {
  it('never gets a 5xx or a hang; every refusal is JSON naming its problem and changes nothing', async () => {
    const mock = await createFuzzTarget()
    const statuses = new Map<number, number>()
    let cases = 0
    await fc.assert(
      fc.asyncProperty(fuzzCase(mock), async (fuzz) => {
        const { status } = await checkCase(mock, fuzz)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (++cases % 250 === 0) await mock.reset()
      }),
      { numRuns: runs(2000) },
    )
    // The generator reaches refusals of every kind, and some requests get through.
    for (const status of [400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0)
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
  }, 600_000)
})

describe('requests generated from the OpenAPI document', () => {
  let server: HeymarketHttpServer
  beforeAll(async () => {
    server = await startHeymarketServer({ port: 0, ...FUZZ_TARGET_OPTIONS })
  })
  afterAll(() => server.close())

  it('through the HTTP server: no 5xx, every refusal names its problem and changes nothing', async () => {
    const statuses = new Map<number, number>()
    let cases = 0
    await fc.assert(
      fc.asyncProperty(openApiCase(server.mock), async (fuzz) => {
        const { status } = await checkCase(server.mock, fuzz, (path, init) => fetch(`${server.url}${path}`, init))
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (++cases % 250 === 0) await server.mock.reset()
      }),
      { numRuns: runs(1000) },
    )
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0)
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
  }, 600_000)

  it('through msw (setupServer and fetch): the same', async () => {
    const mock = await createFuzzTarget({ baseUrl: 'https://fuzz.heymarket.test' })
    const intercept = setupServer(...mock.handlers)
    intercept.listen()
    try {
      const statuses = new Map<number, number>()
      let cases = 0
      await fc.assert(
        fc.asyncProperty(openApiCase(mock), async (fuzz) => {
          const { status } = await checkCase(mock, fuzz, (path, init) => fetch(`https://fuzz.heymarket.test${path}`, init))
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
          if (++cases % 250 === 0) await mock.reset()
        }),
        { numRuns: runs(500) },
      )
      expect(statuses.get(400) ?? 0).toBeGreaterThan(0)
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
    } finally {
      intercept.close()
    }
  }, 600_000)

  it('raw HTTP (methods, targets, framing, headers, slow and cut connections): no 5xx, a request id on every answer, the server goes on', async () => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(rawCase, async (fuzz) => {
        const answer = await sendRaw(server.port, fuzz)
        checkRaw(fuzz, answer)
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      }),
      { numRuns: runs(300) },
    )
    expect((await fetch(`${server.url}/v1/inboxes`, { headers: { Authorization: 'Bearer after' } })).status).toBe(200)
    for (const status of [400, 405]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0)
  }, 600_000)
})
