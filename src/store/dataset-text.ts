import { DATASET_COLLECTIONS, type Dataset } from './dataset.js'

/**
 * A dataset file read record by record. `JSON.parse` of a whole 100,000-conversation file (190 MB) builds a tree of
 * about 600 MB that lives until the last record is loaded: it outlives the young generation, so the collector
 * copies it and then leaves the old generation full of holes, and it is as large again as the store at the peak.
 * Here the file's top-level object is scanned for where each record starts and ends, and each record is parsed
 * only when the store loads it: what the parse makes dies young, except the values the store keeps.
 */

type RecordSpans = { starts: number[]; ends: number[] }

/** The records of a dataset read from text, by collection, for `createStore().load`. */
export type RecordTexts = {
  /** How many records a collection holds. */
  count(collection: string): number
  /** The parsed record at `index` of a collection (parsed anew each time it is asked for). */
  read(collection: string, index: number): unknown
  /** Where each record of a collection starts and ends in the bytes (byte offsets, end exclusive). */
  spans(collection: string): { readonly starts: readonly number[]; readonly ends: readonly number[] }
  /** The bytes the records are read from. */
  readonly bytes: Uint8Array
  /**
   * Whether the record at `index` is known to be what its collection's schema makes of it, key for key, in the
   * same order: then `JSON.parse` of its text is the record, and the store need not parse it with the schema
   * again. False when it is not known (the default): the store parses it as always.
   */
  isCanonical(collection: string, index: number): boolean
}

/**
 * Gives the records of a dataset made by `datasetFromText` a source of `isCanonical` verdicts (a check that ran
 * elsewhere, such as the command line's worker thread). The verdicts only ever spare the store work: a record
 * without one is parsed by its schema, as before.
 */
export function withCanonicalVerdicts(dataset: Dataset, isCanonical: (collection: string, index: number) => boolean): void {
  const texts = textOf.get(dataset)
  if (texts) texts.isCanonical = isCanonical
}

const textOf = new WeakMap<Dataset, RecordTexts>()

/** The records behind a dataset made by `datasetFromText`, or undefined for an ordinary dataset. */
export function recordTextsOf(dataset: Dataset): RecordTexts | undefined {
  return textOf.get(dataset)
}

const SPACE = 0x20
const TAB = 0x09
const NEWLINE = 0x0a
const RETURN = 0x0d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

class NotScannable extends Error {}

/**
 * Finds the end of each JSON value in the bytes, without building it: strings (with their escapes), objects and
 * arrays (by depth), and the literals between them. It trusts `JSON.parse` for the insides of each value: a value
 * it delimits is always parsed before it is used, so a malformed one is still refused.
 */
function scanner(bytes: Uint8Array) {
  let at = 0
  const fail = (): never => {
    throw new NotScannable()
  }
  const skipSpace = () => {
    while (at < bytes.length) {
      const byte = bytes[at]!
      if (byte !== SPACE && byte !== TAB && byte !== NEWLINE && byte !== RETURN) return
      at++
    }
  }
  const skipString = () => {
    at++
    while (at < bytes.length) {
      const byte = bytes[at++]!
      if (byte === BACKSLASH) at++
      else if (byte === QUOTE) return
    }
    fail()
  }
  const skipValue = () => {
    const first = bytes[at]
    if (first === QUOTE) return skipString()
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0
      while (at < bytes.length) {
        const byte = bytes[at]!
        if (byte === QUOTE) {
          skipString()
          continue
        }
        at++
        if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++
        else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          if (--depth === 0) return
        }
      }
      fail()
    }
    // A number, true, false or null: up to the next delimiter.
    const start = at
    while (at < bytes.length) {
      const byte = bytes[at]!
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === SPACE || byte === TAB || byte === NEWLINE || byte === RETURN) break
      at++
    }
    if (at === start) fail()
  }
  const expect = (byte: number) => {
    skipSpace()
    if (bytes[at] !== byte) fail()
    at++
  }
  return {
    get at() {
      return at
    },
    skipSpace,
    skipValue,
    expect,
    peek: () => {
      skipSpace()
      return bytes[at]
    },
    fail,
  }
}

/**
 * A dataset whose record arrays are read record by record from the UTF-8 text of a dataset file (a `.json` export
 * or preset), or undefined when the text is not one JSON object (then the caller parses it the ordinary way, which
 * says what is wrong). The returned dataset's record arrays are empty: its records are for `createStore().load`,
 * which reads them one at a time (`recordTextsOf`), and for nothing else. Its fields besides the records are parsed
 * as usual, so `assertDataset` checks it as it checks any dataset.
 */
export function datasetFromText(bytes: Uint8Array): Dataset | undefined {
  // Not fatal, as Buffer#toString is not: a stray byte becomes U+FFFD, as it does when the whole file is decoded.
  const decoder = new TextDecoder('utf-8')
  const text = (start: number, end: number) => decoder.decode(bytes.subarray(start, end))
  const collections = new Set<string>(DATASET_COLLECTIONS)
  const fields: Record<string, unknown> = {}
  const spans = new Map<string, RecordSpans>()
  try {
    const scan = scanner(bytes)
    scan.expect(OPEN_BRACE)
    if (scan.peek() === CLOSE_BRACE) scan.fail()
    for (;;) {
      scan.skipSpace()
      const keyStart = scan.at
      if (scan.peek() !== QUOTE) scan.fail()
      scan.skipValue()
      const key = JSON.parse(text(keyStart, scan.at)) as string
      scan.expect(COLON)
      if (collections.has(key) && scan.peek() === OPEN_BRACKET) {
        scan.expect(OPEN_BRACKET)
        const records: RecordSpans = { starts: [], ends: [] }
        if (scan.peek() === CLOSE_BRACKET) scan.expect(CLOSE_BRACKET)
        else {
          for (;;) {
            scan.skipSpace()
            records.starts.push(scan.at)
            scan.skipValue()
            records.ends.push(scan.at)
            const next = scan.peek()
            scan.expect(next === COMMA ? COMMA : CLOSE_BRACKET)
            if (next !== COMMA) break
          }
        }
        // As with JSON.parse, a key given twice takes its last value.
        spans.set(key, records)
        fields[key] = []
      } else {
        scan.skipSpace()
        const valueStart = scan.at
        scan.skipValue()
        spans.delete(key)
        fields[key] = JSON.parse(text(valueStart, scan.at))
      }
      const next = scan.peek()
      scan.expect(next === COMMA ? COMMA : CLOSE_BRACE)
      if (next !== COMMA) break
    }
    scan.skipSpace()
    if (scan.at !== bytes.length) scan.fail()
  } catch (error) {
    if (error instanceof NotScannable || error instanceof SyntaxError || error instanceof TypeError) return undefined
    throw error
  }
  const dataset = fields as Dataset
  const none: RecordSpans = { starts: [], ends: [] }
  textOf.set(dataset, {
    count: (collection) => spans.get(collection)?.starts.length ?? 0,
    read(collection, index) {
      const records = spans.get(collection)!
      return JSON.parse(text(records.starts[index]!, records.ends[index]!))
    },
    spans: (collection) => spans.get(collection) ?? none,
    bytes,
    isCanonical: () => false,
  })
  return dataset
}
