import type { Micros } from '../timestamps.js'

/** What the conversation lists are ordered by: `updated`, then `id` to break ties. */
export type UpdatedKey = { readonly updated: Micros; readonly id: number }

export function compareUpdatedKeys(a: UpdatedKey, b: UpdatedKey): number {
  return a.updated - b.updated || a.id - b.id
}

/**
 * Keys kept sorted oldest first, so that the common write (something just happened, it becomes the newest)
 * appends at the end. Lookups are binary searches.
 */
export class SortedList<K extends UpdatedKey> {
  readonly items: K[] = []

  get length(): number {
    return this.items.length
  }

  /** Position of the first key not older than (`updated`, `id`). */
  lowerBound(updated: Micros, id = Number.NEGATIVE_INFINITY): number {
    const items = this.items
    let low = 0
    let high = items.length
    while (low < high) {
      const mid = (low + high) >>> 1
      const item = items[mid]!
      if (item.updated < updated || (item.updated === updated && item.id < id)) low = mid + 1
      else high = mid
    }
    return low
  }

  insert(key: K): void {
    const items = this.items
    const last = items[items.length - 1]
    if (!last || compareUpdatedKeys(last, key) < 0) {
      items.push(key)
      return
    }
    items.splice(this.lowerBound(key.updated, key.id), 0, key)
  }

  remove(key: UpdatedKey): boolean {
    const position = this.lowerBound(key.updated, key.id)
    const found = this.items[position]
    if (found && found.id === key.id && found.updated === key.updated) {
      if (position === this.items.length - 1) this.items.pop()
      else this.items.splice(position, 1)
      return true
    }
    return false
  }

  /** How many keys are strictly older than `updated`. */
  countBefore(updated: Micros): number {
    return this.lowerBound(updated)
  }
}
