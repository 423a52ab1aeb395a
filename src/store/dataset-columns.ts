import { DATASET_COLLECTIONS, type Dataset } from './dataset.js'

/**
 * A column-wise encoding of a dataset, for the large presets the package ships gzipped (`fixtures/*.dataset.gz`).
 * Row-wise JSON repeats every key in every record and spreads similar values apart; here each collection keeps one
 * array per field, timestamps become integer microseconds (the second and later ones of a record relative to its
 * first), and integer columns are stored as differences from the row before. Gzipped, that is about two thirds of
 * gzipped row-wise JSON. Decoding gives back the same records with their keys in the same order, so the dataset
 * serializes to the same bytes.
 */
export const COLUMNS_FORMAT = 'heymarket-mock/dataset-columns'
export const COLUMNS_VERSION = 1

type Column = { values: unknown[] } | { deltas: number[] }
type ColumnarCollection = {
  /** Each distinct key list, as keys joined by ','; a key ending in '@' holds an encoded timestamp. */
  shapes: string[]
  /** The shape of each record, by index into `shapes`. */
  shapeOf: number[]
  columns: Record<string, Column>
}
export type ColumnarDataset = {
  format: typeof COLUMNS_FORMAT
  version: typeof COLUMNS_VERSION
  /** Everything of the dataset but its record collections, as it was. */
  rest: Record<string, unknown>
  collections: Record<string, ColumnarCollection>
}

/** An RFC 3339 instant in UTC with exactly six fraction digits: the form the generator writes. */
const MICROSECOND_INSTANT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})Z$/

function toMicros(text: string): number | undefined {
  const match = MICROSECOND_INSTANT.exec(text)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second, fraction] = match.map(Number) as number[]
  const micros = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) * 1000 + fraction!
  // Only instants that format back to the same text are encoded (no 24:00, no 60th second, no year < 1970).
  return Number.isSafeInteger(micros) && micros >= 0 && fromMicros(micros) === text ? micros : undefined
}

function fromMicros(micros: number): string {
  const seconds = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19)
  return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}Z`
}

function encodeCollection(records: Record<string, unknown>[]): ColumnarCollection {
  const shapes: string[] = []
  const shapeIndex = new Map<string, number>()
  const shapeOf: number[] = []
  const raw: Record<string, unknown[]> = {}
  for (const record of records) {
    const keys: string[] = []
    let first: number | undefined
    for (const [key, value] of Object.entries(record)) {
      const micros = typeof value === 'string' ? toMicros(value) : undefined
      if (micros === undefined) {
        keys.push(key)
        ;(raw[key] ??= []).push(value)
      } else {
        keys.push(`${key}@`)
        ;(raw[`${key}@`] ??= []).push(first === undefined ? micros : micros - first)
        first ??= micros
      }
    }
    const shape = keys.join(',')
    let index = shapeIndex.get(shape)
    if (index === undefined) {
      index = shapes.length
      shapes.push(shape)
      shapeIndex.set(shape, index)
    }
    shapeOf.push(index)
  }
  const columns: Record<string, Column> = {}
  for (const [key, values] of Object.entries(raw)) {
    const integers = values.every((value) => Number.isSafeInteger(value))
    const deltas = integers ? (values as number[]).map((value, i) => (i === 0 ? value : value - (values[i - 1] as number))) : []
    columns[key] = integers && deltas.every((delta) => Number.isSafeInteger(delta)) ? { deltas } : { values }
  }
  return { shapes, shapeOf, columns }
}

function decodeCollection(collection: ColumnarCollection): Record<string, unknown>[] {
  const columns: Record<string, unknown[]> = {}
  for (const [key, column] of Object.entries(collection.columns)) {
    if ('deltas' in column) {
      let running = 0
      columns[key] = column.deltas.map((delta) => (running += delta))
    } else columns[key] = column.values
  }
  const positions: Record<string, number> = {}
  const shapes = collection.shapes.map((shape) => (shape === '' ? [] : shape.split(',')))
  return collection.shapeOf.map((shapeIndex) => {
    const record: Record<string, unknown> = {}
    let first: number | undefined
    for (const key of shapes[shapeIndex]!) {
      const position = (positions[key] = (positions[key] ?? -1) + 1)
      const value = columns[key]![position]
      if (key.endsWith('@')) {
        const micros = first === undefined ? (value as number) : first + (value as number)
        first ??= micros
        record[key.slice(0, -1)] = fromMicros(micros)
      } else record[key] = value
    }
    return record
  })
}

/** The column-wise form of a dataset (record keys must not contain ',' or end in '@'; dataset fields never do). */
export function encodeDatasetColumns(dataset: Dataset): ColumnarDataset {
  const rest: Record<string, unknown> = {}
  const collections: Record<string, ColumnarCollection> = {}
  const collectionNames = new Set<string>(DATASET_COLLECTIONS)
  for (const [key, value] of Object.entries(dataset)) {
    if (collectionNames.has(key) && Array.isArray(value)) collections[key] = encodeCollection(value as Record<string, unknown>[])
    else rest[key] = value
  }
  return { format: COLUMNS_FORMAT, version: COLUMNS_VERSION, rest: { ...rest, order: Object.keys(dataset) }, collections }
}

export function isColumnarDataset(value: unknown): value is ColumnarDataset {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === COLUMNS_FORMAT
}

/** The dataset a column-wise form was made from, keys in their original order. */
export function decodeDatasetColumns(value: ColumnarDataset): unknown {
  if (value.version !== COLUMNS_VERSION) {
    throw new Error(`Failed to load dataset: it is in column format version ${JSON.stringify(value.version)} and this heymarket-mock reads version ${COLUMNS_VERSION}. Please use the presets of this version.`)
  }
  const { order, ...rest } = value.rest as { order: string[] } & Record<string, unknown>
  const dataset: Record<string, unknown> = {}
  for (const key of order) dataset[key] = key in value.collections ? decodeCollection(value.collections[key]!) : rest[key]
  return dataset
}
