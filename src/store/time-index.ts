import { parseTimestamp } from '../primitives/timestamps.js'
import { SortedList, type UpdatedKey } from './sorted-list.js'
import type { TableIndex } from './table.js'

/**
 * Records of one table sorted by one of their timestamps (then id): what the date-cursor lists page through.
 * `updated` in the key holds whichever timestamp the index sorts by.
 */
export class TimeIndex<R extends { id: number }> implements TableIndex<R> {
  readonly list = new SortedList<UpdatedKey>()
  readonly #keys = new Map<number, UpdatedKey>()
  readonly #timeOf: (record: R) => string | undefined

  constructor(timeOf: (record: R) => string | undefined) {
    this.#timeOf = timeOf
  }

  upsert(record: R): void {
    const text = this.#timeOf(record)
    const time = text ? parseTimestamp(text) : undefined
    const previous = this.#keys.get(record.id)
    if (previous && previous.updated === time) return
    if (previous) this.list.remove(previous)
    if (time === undefined) {
      if (previous) this.#keys.delete(record.id)
      return
    }
    // Overwriting the map's slot (no delete first) spares the map the holes a delete leaves and the rehash they cost.
    const key = { updated: time, id: record.id }
    this.#keys.set(record.id, key)
    this.list.insert(key)
  }

  upsertMany(records: readonly R[]): void {
    if (this.#keys.size > 0) {
      for (const record of records) this.upsert(record)
      return
    }
    for (const record of records) {
      const text = this.#timeOf(record)
      const time = text ? parseTimestamp(text) : undefined
      // A record given twice keeps its last key, as upserting each in turn would.
      if (time !== undefined) this.#keys.set(record.id, { updated: time, id: record.id })
      else this.#keys.delete(record.id)
    }
    this.list.insertMany([...this.#keys.values()])
  }

  remove(record: R): void {
    const previous = this.#keys.get(record.id)
    if (!previous) return
    this.list.remove(previous)
    this.#keys.delete(record.id)
  }

  clear(): void {
    this.list.clear()
    this.#keys.clear()
  }
}
