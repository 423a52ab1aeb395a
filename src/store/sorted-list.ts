import type { Micros } from '../primitives/timestamps.js'

/** What the time-ordered lists are sorted by: a time (`updated`, or another timestamp), then `id` to break ties. */
export type UpdatedKey = { readonly updated: Micros; readonly id: number }

export function compareUpdatedKeys(a: UpdatedKey, b: UpdatedKey): number {
  return a.updated - b.updated || a.id - b.id
}

/** Whether `a` sorts before the position (`updated`, `id`). */
function isBefore(a: UpdatedKey, updated: Micros, id: number): boolean {
  return a.updated < updated || (a.updated === updated && a.id < id)
}

/** First position in a sorted array whose key is not before (`updated`, `id`). */
function lowerBoundIn<K extends UpdatedKey>(items: readonly K[], updated: Micros, id: number): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (isBefore(items[mid]!, updated, id)) low = mid + 1
    else high = mid
  }
  return low
}

/** Chunks hold about LOAD/2 to 2·LOAD keys, so no write moves more than that many. */
const DEFAULT_LOAD = 512

/**
 * Keys kept sorted oldest first, in chunks of a few hundred (the layout of Python's sortedcontainers): inserting
 * or removing anywhere moves at most one chunk's worth of keys, finding a position is two binary searches, and
 * counting the keys before a time adds up chunk lengths. So a write costs about the same at 100,000 keys as
 * at 1,000, where one flat sorted array would move tens of thousands of keys per write.
 */
export class SortedList<K extends UpdatedKey> {
  #chunks: K[][] = []
  #size = 0
  readonly #load: number

  /** `load` (chunk size) is for tests; the default suits every size the mock meets. */
  constructor(load = DEFAULT_LOAD) {
    this.#load = load
  }

  get length(): number {
    return this.#size
  }

  /** Index of the chunk where (`updated`, `id`) belongs: the first whose last key is not before it. */
  #chunkFor(updated: Micros, id: number): number {
    const chunks = this.#chunks
    let low = 0
    let high = chunks.length
    while (low < high) {
      const mid = (low + high) >>> 1
      const chunk = chunks[mid]!
      if (isBefore(chunk[chunk.length - 1]!, updated, id)) low = mid + 1
      else high = mid
    }
    return low
  }

  insert(key: K): void {
    const chunks = this.#chunks
    this.#size++
    if (chunks.length === 0) {
      chunks.push([key])
      return
    }
    let c = this.#chunkFor(key.updated, key.id)
    if (c === chunks.length) c-- // newer than everything: the last chunk takes it
    const chunk = chunks[c]!
    const last = chunk[chunk.length - 1]!
    if (compareUpdatedKeys(last, key) < 0) chunk.push(key)
    else chunk.splice(lowerBoundIn(chunk, key.updated, key.id), 0, key)
    if (chunk.length > 2 * this.#load) chunks.splice(c + 1, 0, chunk.splice(this.#load))
  }

  /**
   * Inserts many keys, the same as inserting each: into an empty list by one sort and cutting it into chunks
   * (a load of 200,000 keys in time order no longer moves keys within a chunk for each), else one by one.
   */
  insertMany(keys: readonly K[]): void {
    if (this.#size > 0) {
      for (const key of keys) this.insert(key)
      return
    }
    const sorted = [...keys].sort(compareUpdatedKeys)
    for (let start = 0; start < sorted.length; start += this.#load) this.#chunks.push(sorted.slice(start, start + this.#load))
    this.#size = sorted.length
  }

  remove(key: UpdatedKey): boolean {
    const chunks = this.#chunks
    const c = this.#chunkFor(key.updated, key.id)
    const chunk = chunks[c]
    if (!chunk) return false
    const position = lowerBoundIn(chunk, key.updated, key.id)
    const found = chunk[position]
    if (!found || found.id !== key.id || found.updated !== key.updated) return false
    if (position === chunk.length - 1) chunk.pop()
    else chunk.splice(position, 1)
    this.#size--
    if (chunk.length === 0) chunks.splice(c, 1)
    else if (chunk.length < this.#load / 2 && c + 1 < chunks.length && chunk.length + chunks[c + 1]!.length <= 2 * this.#load) {
      chunk.push(...chunks[c + 1]!)
      chunks.splice(c + 1, 1)
    }
    return true
  }

  /** How many keys are strictly older than `updated`. */
  countBefore(updated: Micros): number {
    const c = this.#chunkFor(updated, Number.NEGATIVE_INFINITY)
    let count = 0
    for (let i = 0; i < c && i < this.#chunks.length; i++) count += this.#chunks[i]!.length
    const chunk = this.#chunks[c]
    return chunk ? count + lowerBoundIn(chunk, updated, Number.NEGATIVE_INFINITY) : count
  }

  /** How many keys are strictly newer than `updated`. */
  countAfter(updated: Micros): number {
    return this.#size - this.countBefore(updated + 1)
  }

  /** The keys strictly older than `before` (all when undefined), newest first. */
  *descending(before?: Micros): Generator<K, void, undefined> {
    const chunks = this.#chunks
    let c: number
    let position: number
    if (before === undefined) {
      c = chunks.length - 1
      position = (chunks[c]?.length ?? 0) - 1
    } else {
      c = this.#chunkFor(before, Number.NEGATIVE_INFINITY)
      if (c === chunks.length) {
        c--
        position = (chunks[c]?.length ?? 0) - 1
      } else position = lowerBoundIn(chunks[c]!, before, Number.NEGATIVE_INFINITY) - 1
    }
    for (; c >= 0; c--) {
      const chunk = chunks[c]!
      for (; position >= 0; position--) yield chunk[position]!
      position = (chunks[c - 1]?.length ?? 0) - 1
    }
  }

  /** The keys strictly newer than `after` (all when undefined), oldest first. */
  *ascending(after?: Micros): Generator<K, void, undefined> {
    const chunks = this.#chunks
    let c = 0
    let position = 0
    if (after !== undefined) {
      c = this.#chunkFor(after + 1, Number.NEGATIVE_INFINITY)
      if (c < chunks.length) position = lowerBoundIn(chunks[c]!, after + 1, Number.NEGATIVE_INFINITY)
    }
    for (; c < chunks.length; c++) {
      const chunk = chunks[c]!
      for (; position < chunk.length; position++) yield chunk[position]!
      position = 0
    }
  }

  /** The oldest key. */
  first(): K | undefined {
    return this.#chunks[0]?.[0]
  }

  clear(): void {
    this.#chunks = []
    this.#size = 0
  }
}

export type KeyPage = {
  /** Only keys strictly before (descending) or strictly after (ascending) this instant. */
  cursor?: number
  ascending: boolean
  limit: number
  /** Keeps only the keys it accepts (a search). */
  accept?: (id: number) => boolean
}

/**
 * A page of ids from one sorted list, newest first unless `ascending`. Like the conversation list, a page
 * never ends inside a group of keys that share a time, so a strictly-before/after cursor skips none of them.
 */
export function pageKeys(list: SortedList<UpdatedKey>, page: KeyPage): number[] {
  const ids: number[] = []
  let last: number | undefined
  const keys = page.ascending ? list.ascending(page.cursor) : list.descending(page.cursor)
  for (const key of keys) {
    if (page.accept && !page.accept(key.id)) continue
    if (ids.length >= page.limit && key.updated !== last) break
    ids.push(key.id)
    last = key.updated
  }
  return ids
}

/** How many keys a cursor selects (all accepted ones when there is a filter). */
export function countKeys(list: SortedList<UpdatedKey>, page: Omit<KeyPage, 'limit'>): number {
  if (!page.accept) {
    if (page.cursor === undefined) return list.length
    return page.ascending ? list.countAfter(page.cursor) : list.countBefore(page.cursor)
  }
  let count = 0
  for (const key of page.ascending ? list.ascending(page.cursor) : list.descending(page.cursor)) if (page.accept(key.id)) count++
  return count
}
