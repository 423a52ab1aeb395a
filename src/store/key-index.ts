import type { TableIndex } from './table.js'

/**
 * A lookup from a derived key (a phone number, an inbox + target pair) to record ids. Several records may
 * share a key; `first` returns the oldest by id, which is stable across runs.
 */
export class KeyIndex<R extends { id: number }> implements TableIndex<R> {
  readonly #keyOf: (record: R) => string | undefined
  /**
   * The ids of each key, oldest first: a key held by one record (most are: a uuid, a phone) maps to its id itself,
   * not to an array of one, which at 100,000 records is about 5 MB an index.
   */
  readonly #ids = new Map<string, number | number[]>()
  readonly #keys = new Map<number, string>()

  constructor(keyOf: (record: R) => string | undefined) {
    this.#keyOf = keyOf
  }

  upsert(record: R): void {
    const key = this.#keyOf(record)
    const previous = this.#keys.get(record.id)
    if (previous === key) return
    if (previous !== undefined) this.#detachFrom(record.id, previous)
    if (key === undefined) {
      this.#keys.delete(record.id)
      return
    }
    // Overwritten in place, never deleted then set: see ConversationIndex.upsert.
    this.#keys.set(record.id, key)
    const ids = this.#ids.get(key)
    if (ids === undefined) this.#ids.set(key, record.id)
    else if (typeof ids === 'number') this.#ids.set(key, ids < record.id ? [ids, record.id] : [record.id, ids])
    else {
      ids.push(record.id)
      ids.sort((a, b) => a - b)
    }
  }

  remove(record: R): void {
    const previous = this.#keys.get(record.id)
    if (previous !== undefined) this.#detach(record.id, previous)
  }

  clear(): void {
    this.#ids.clear()
    this.#keys.clear()
  }

  #detach(id: number, key: string): void {
    this.#keys.delete(id)
    this.#detachFrom(id, key)
  }

  /** Takes the id off the key's list, leaving its own entry to the caller. */
  #detachFrom(id: number, key: string): void {
    const ids = this.#ids.get(key)
    if (ids === undefined) return
    if (typeof ids === 'number') {
      if (ids === id) this.#ids.delete(key)
      return
    }
    const remaining = ids.filter((other) => other !== id)
    if (remaining.length === 0) this.#ids.delete(key)
    else this.#ids.set(key, remaining.length === 1 ? remaining[0]! : remaining)
  }

  first(key: string): number | undefined {
    const ids = this.#ids.get(key)
    return typeof ids === 'number' ? ids : ids?.[0]
  }

  all(key: string): readonly number[] {
    const ids = this.#ids.get(key)
    return ids === undefined ? [] : typeof ids === 'number' ? [ids] : ids
  }
}

type GroupMember = { readonly id: number; readonly group: number; readonly time: number }

/**
 * Records grouped by a parent id (messages by conversation), each group kept sorted by a time then id.
 */
export class GroupIndex<R extends { id: number }> implements TableIndex<R> {
  readonly #groupOf: (record: R) => number
  readonly #timeOf: (record: R) => number
  readonly #groups = new Map<number, GroupMember[]>()
  /** Each record's entry in its group's list (one object serves both, which at 200,000 messages is 11 MB less). */
  readonly #placed = new Map<number, GroupMember>()

  constructor(groupOf: (record: R) => number, timeOf: (record: R) => number) {
    this.#groupOf = groupOf
    this.#timeOf = timeOf
  }

  upsert(record: R): void {
    const group = this.#groupOf(record)
    const time = this.#timeOf(record)
    const placed = this.#placed.get(record.id)
    if (placed && placed.group === group && placed.time === time) return
    // Overwritten in place, never deleted then set: see ConversationIndex.upsert.
    if (placed) this.#leaveGroup(record.id, placed.group)
    const entry: GroupMember = { id: record.id, group, time }
    this.#placed.set(record.id, entry)
    let members = this.#groups.get(group)
    if (!members) {
      members = []
      this.#groups.set(group, members)
    }
    const last = members[members.length - 1]
    if (!last || last.time < time || (last.time === time && last.id < record.id)) members.push(entry)
    else {
      members.push(entry)
      members.sort((a, b) => a.time - b.time || a.id - b.id)
    }
  }

  remove(record: R): void {
    const placed = this.#placed.get(record.id)
    if (placed) this.#detach(record.id, placed.group)
  }

  clear(): void {
    this.#groups.clear()
    this.#placed.clear()
  }

  #detach(id: number, group: number): void {
    this.#placed.delete(id)
    this.#leaveGroup(id, group)
  }

  #leaveGroup(id: number, group: number): void {
    const members = this.#groups.get(group)
    if (!members) return
    const position = members.findIndex((member) => member.id === id)
    if (position >= 0) members.splice(position, 1)
    if (members.length === 0) this.#groups.delete(group)
  }

  /** Ids in the group, oldest first. */
  ids(group: number): number[] {
    return (this.#groups.get(group) ?? []).map((member) => member.id)
  }

  /** The newest id in the group. */
  last(group: number): number | undefined {
    const members = this.#groups.get(group)
    return members?.[members.length - 1]?.id
  }

  size(group: number): number {
    return this.#groups.get(group)?.length ?? 0
  }
}
