import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHeymarketMock, operations, type HeymarketMock, type OperationId, type OperationSpec } from '../src/core/index.js'
import { createFuzzTarget, fuzzCase, sampleFor, FUZZ_TARGET_OPTIONS, type FuzzCase } from './fuzz/harness.js'
import { openApiCase } from './fuzz/openapi-cases.js'

/** The whole state a request could change: every record, and the id sequences and clock (exportChanges). */
async function state(mock: HeymarketMock): Promise<string> {
  return JSON.stringify([await mock.exportDataset(), await mock.exportChanges()])
}

function send(mock: HeymarketMock, fuzz: FuzzCase): Promise<Response> {
  return mock.fetch(fuzz.path, { method: fuzz.method, headers: fuzz.headers, ...(fuzz.body !== undefined ? { body: fuzz.body } : {}) })
}

/** A valid request to an operation, from the mock's current data: most of a sequence should change something. */
function validCase(mock: HeymarketMock): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...(Object.keys(operations) as OperationId[])).map((operationId) => {
    const operation: OperationSpec = operations[operationId]
    const sample = sampleFor(mock, operationId)
    const path = operation.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(sample.params?.[name] ?? '1'))
    const search = new URLSearchParams(sample.query ?? {}).toString()
    const body = operation.method === 'GET' ? undefined : JSON.stringify(sample.body ?? (operation.bodyShape === 'array' ? [] : {}))
    return {
      operationId,
      method: operation.method,
      path: `${path}${search ? `?${search}` : ''}`,
      headers: { Authorization: 'Bearer state', 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body } : {}),
      description: `valid ${operation.method} ${path}`,
    }
  })
}

/** Requests of every kind: valid ones that write, hand-made hostile ones, and ones generated from the OpenAPI document. */
function anyRequest(mock: HeymarketMock): fc.Arbitrary<FuzzCase> {
  return fc.oneof({ arbitrary: validCase(mock), weight: 3 }, { arbitrary: fuzzCase(mock), weight: 2 }, { arbitrary: openApiCase(mock), weight: 2 })
}

/** Every read the API offers (gets and lists), with ids from the data: what must answer alike after a reload. */
const READS = (Object.keys(operations) as OperationId[]).filter((id) => operations[id].method === 'GET' || /^(list|count|find|search|get)/.test(id))

describe('a request that fails changes nothing (property)', () => {
  it('leaves the exported state byte-identical after every refused or failed request, in random sequences', async () => {
    const mock = await createFuzzTarget()
    let refused = 0
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { minLength: 1, maxLength: 12 }), async (steps) => {
        await mock.reset()
        for (const seed of steps) {
          // Each request is generated from the data as it stands now (so later ones use ids earlier ones made),
          // from a seed the property drew, so that a failure replays and shrinks.
          const fuzz = fc.sample(anyRequest(mock), { numRuns: 1, seed })[0]!
          const before = await state(mock)
          const response = await send(mock, fuzz)
          await response.text()
          if (response.status >= 400) {
            refused++
            expect(await state(mock), `${response.status} for ${fuzz.description}`).toBe(before)
          } else accepted++
        }
      }),
      { numRuns: Number(process.env.STATE_RUNS ?? 60) },
    )
    expect(refused).toBeGreaterThan(0)
    expect(accepted).toBeGreaterThan(0)
  }, 600_000)
})

describe('what the mock exports, it can load (property)', () => {
  it('loads exportDataset() after any sequence of requests into a new mock that answers every list and get identically', async () => {
    const mock = await createFuzzTarget()
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { minLength: 1, maxLength: 15 }), async (steps) => {
        await mock.reset()
        for (const seed of steps) await (await send(mock, fc.sample(anyRequest(mock), { numRuns: 1, seed })[0]!)).text()
        const dataset = await mock.exportDataset()
        const reloaded = createHeymarketMock({ dataset: JSON.parse(JSON.stringify(dataset)), clock: FUZZ_TARGET_OPTIONS.clock, validateResponses: true })
        await reloaded.ready
        expect(JSON.stringify(await reloaded.exportDataset())).toBe(JSON.stringify(dataset))
        for (const operationId of READS) {
          const read = fc.sample(validCase(mock).filter((fuzz) => fuzz.operationId === operationId), { numRuns: 1, seed: steps[0]! })[0]!
          const [original, copy] = [await send(mock, read), await send(reloaded, read)]
          expect(copy.status, read.description).toBe(original.status)
          expect(await copy.text(), read.description).toBe(await original.text())
        }
      }),
      { numRuns: Number(process.env.STATE_RUNS ?? 25) },
    )
  }, 600_000)
})
