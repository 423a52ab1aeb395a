import { assertDataset, type Dataset } from '../store/dataset.js'
import { decodeDatasetColumns, isColumnarDataset } from '../store/dataset-columns.js'

/** What readDataset() reads: a fetch Response, the file's bytes, a Blob, its text, or the parsed JSON. */
export type DatasetSource = Response | Blob | ArrayBuffer | Uint8Array | string | object

const isGzip = (bytes: Uint8Array) => bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // DecompressionStream: in every current browser and in Node 18+, so this module needs no node:zlib.
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** The parsed JSON of a dataset file's bytes: gzipped (`.dataset.gz`) or not (`.json`). */
async function parseBytes(bytes: Uint8Array): Promise<unknown> {
  const plain = isGzip(bytes) ? await gunzip(bytes) : bytes
  return JSON.parse(new TextDecoder().decode(plain))
}

/**
 * A dataset from a preset or snapshot file in any of its forms: `fixtures/<name>.json`, the gzipped column-wise
 * `fixtures/<name>.dataset.gz`, or JSON already parsed. Checks it and returns it typed, so no cast is needed.
 *
 * @example
 * const dataset = await readDataset(fetch('/presets/busy-inbox.dataset.gz'))
 * const mock = await startHeymarketWorker({ dataset })
 */
export async function readDataset(source: DatasetSource | Promise<DatasetSource>, name = 'dataset'): Promise<Dataset> {
  const input = await source
  let value: unknown
  if (typeof Response !== 'undefined' && input instanceof Response) {
    if (!input.ok) throw new Error(`Failed to load ${name}: ${input.url || 'the request'} answered ${input.status}. Please check the file's URL.`)
    value = await parseBytes(new Uint8Array(await input.arrayBuffer()))
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) value = await parseBytes(new Uint8Array(await input.arrayBuffer()))
  else if (input instanceof ArrayBuffer) value = await parseBytes(new Uint8Array(input))
  else if (input instanceof Uint8Array) value = await parseBytes(input)
  else if (typeof input === 'string') value = JSON.parse(input)
  else value = input
  return toDataset(value, name)
}

/** A parsed dataset file (either form) as a checked, typed Dataset. */
export function toDataset(value: unknown, name = 'dataset'): Dataset {
  const dataset = isColumnarDataset(value) ? decodeDatasetColumns(value) : value
  assertDataset(dataset, name)
  return dataset
}
