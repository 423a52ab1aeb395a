/**
 * The worker thread of `startCanonicalCheck` (canonical-check.ts): parses records of a dataset file with their
 * collections' schemas, ahead of the main thread that loads them, and marks each one whose schema output is its
 * own JSON, key for key in the same order. Shared memory only; it posts no messages, so the main thread, which
 * loads synchronously, never waits for it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createRecordSchemas, KIND_OF_COLLECTION, type DatasetCollection } from '../store/records.js'
import { isSameJson, type CanonicalCheckData, VERDICT_CANONICAL, VERDICT_OTHER, MAIN_AHEAD_BY } from './canonical-verdicts.js'

const data = workerData as CanonicalCheckData
const bytes = new Uint8Array(data.bytes)
const verdicts = new Int32Array(data.verdicts)
const position = new Int32Array(data.position)
const decoder = new TextDecoder('utf-8')
// Defaults that fire make a key the record's text did not have, so such a record is never marked canonical, and
// what these return never reaches the store (the main thread parses that record with its own schemas).
const schemas = createRecordSchemas({ nextId: () => 0, now: () => '', uuid: () => '' }) as unknown as Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }>

let global = 0
for (const part of data.collections) {
  const schema = schemas[KIND_OF_COLLECTION[part.collection as DatasetCollection]]!
  const starts = new Float64Array(part.starts)
  const ends = new Float64Array(part.ends)
  for (let index = 0; index < starts.length; index++, global++) {
    // The main thread does the records it has reached itself: skip past it rather than behind it.
    const main = Atomics.load(position, 0)
    if (global <= main) {
      const skip = Math.min(main + MAIN_AHEAD_BY - global, starts.length - index)
      index += skip - 1
      global += skip - 1
      continue
    }
    let verdict = VERDICT_OTHER
    try {
      const raw: unknown = JSON.parse(decoder.decode(bytes.subarray(starts[index]!, ends[index]!)))
      const checked = schema.safeParse(raw)
      if (checked.success && isSameJson(raw, checked.data)) verdict = VERDICT_CANONICAL
    } catch {
      // Not JSON: the main thread's own parse says so.
    }
    Atomics.store(verdicts, global, verdict)
  }
}
parentPort?.close()
