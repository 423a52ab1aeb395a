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

export type KeyPage = {
  /** Only keys strictly before (descending) or strictly after (ascending) this instant. */
  cursor?: number
  ascending: boolean
  limit: number
  /** Keeps only the keys it accepts (a search filter). */
  accept?: (id: number) => boolean
}

/**
 * A page of ids from one sorted list, newest first unless `ascending`. Like the conversation list, a page
 * never ends inside a group of keys that share a time, so a strictly-before/after cursor skips none of them.
 */
export function pageKeys(list: SortedList<UpdatedKey>, page: KeyPage): number[] {
  const items = list.items
  const ids: number[] = []
  let last: number | undefined
  const take = (key: UpdatedKey): boolean => {
    if (page.accept && !page.accept(key.id)) return true
    if (ids.length >= page.limit && key.updated !== last) return false
    ids.push(key.id)
    last = key.updated
    return true
  }
  if (page.ascending) {
    const start = page.cursor === undefined ? 0 : list.lowerBound(page.cursor + 1)
    for (let i = start; i < items.length; i++) if (!take(items[i]!)) break
  } else {
    const start = page.cursor === undefined ? items.length - 1 : list.lowerBound(page.cursor) - 1
    for (let i = start; i >= 0; i--) if (!take(items[i]!)) break
  }
  return ids
}

/** How many keys a cursor selects (all accepted ones when there is a filter). */
export function countKeys(list: SortedList<UpdatedKey>, page: Omit<KeyPage, 'limit'>): number {
  const items = list.items
  const [from, to] =
    page.cursor === undefined
      ? [0, items.length]
      : page.ascending
        ? [list.lowerBound(page.cursor + 1), items.length]
        : [0, list.lowerBound(page.cursor)]
  if (!page.accept) return to - from
  let count = 0
  for (let i = from; i < to; i++) if (page.accept(items[i]!.id)) count++
  return count
}
