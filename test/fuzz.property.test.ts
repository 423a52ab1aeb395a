import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCase, createFuzzTarget, fuzzCase } from './fuzz/harness.js'

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
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
    )
    // The generator reaches refusals of every kind, and some requests get through.
    for (const status of [400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0)
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
  }, 600_000)
})
