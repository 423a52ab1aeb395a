import { Worker } from 'node:worker_threads'
import { DATASET_COLLECTIONS, type Dataset } from '../store/dataset.js'
import { recordTextsOf, withCanonicalVerdicts } from '../store/dataset-text.js'
import { VERDICT_CANONICAL, type CanonicalCheckData } from './canonical-verdicts.js'

/**
 * Halves the schema work of `serve --fixture <file.json>` with the machine's second core. Loading a dataset file
 * parses every record with its collection's schema; for a file the mock exported, the schema's output is the
 * record's own JSON. A worker thread parses records with the same schemas ahead of the main thread and marks those
 * whose output is their input, key for key and in order (`isSameJson`); the main thread takes such a record as
 * JSON.parse made it and parses the others as always. The main thread never waits for the worker: a record it
 * reaches first, it parses itself, and the worker then skips ahead of it. So the loaded store is the same with or
 * without the worker, and a worker that cannot start, fails or lags only costs the time it would have saved.
 *
 * `bytes` must be a view of a SharedArrayBuffer (the file as read), and `dataset` made by `datasetFromText` from it.
 * @returns a function that stops the worker, resolved once it has ended; call it once the dataset is loaded (or
 * failed to load), and await it before collecting start-up garbage: until the worker ends, it holds the file's bytes.
 */
export function startCanonicalCheck(dataset: Dataset, workerUrl: URL): () => Promise<void> {
  const texts = recordTextsOf(dataset)
  if (!texts || !(texts.bytes.buffer instanceof SharedArrayBuffer)) return async () => {}
  const offsets = new Map<string, number>()
  const collections: CanonicalCheckData['collections'] = []
  let total = 0
  for (const collection of DATASET_COLLECTIONS) {
    const { starts, ends } = texts.spans(collection)
    if (starts.length === 0) continue
    offsets.set(collection, total)
    total += starts.length
    collections.push({ collection, starts: Float64Array.from(starts).buffer, ends: Float64Array.from(ends).buffer })
  }
  // Too few records to repay a thread's start (about 30 ms of the main thread's time).
  if (total < 5000) return async () => {}
  const verdicts = new Int32Array(new SharedArrayBuffer(total * 4))
  const position = new Int32Array(new SharedArrayBuffer(4))
  position[0] = -1
  let worker: Worker
  try {
    const data: CanonicalCheckData = { bytes: texts.bytes.buffer, verdicts: verdicts.buffer as SharedArrayBuffer, position: position.buffer as SharedArrayBuffer, collections }
    worker = new Worker(workerUrl, { workerData: data, transferList: collections.flatMap((part) => [part.starts, part.ends]) })
  } catch {
    return async () => {}
  }
  // A worker that fails to start or throws leaves verdicts unknown: the main thread parses every record itself.
  worker.on('error', () => {})
  worker.unref()
  withCanonicalVerdicts(dataset, (collection, index) => {
    const offset = offsets.get(collection)
    if (offset === undefined) return false
    const at = offset + index
    Atomics.store(position, 0, at)
    return Atomics.load(verdicts, at) === VERDICT_CANONICAL
  })
  return async () => {
    withCanonicalVerdicts(dataset, () => false)
    await worker.terminate().catch(() => undefined)
  }
}
