import type { ConversationStatus } from '../schema/conversation.js'
import { parseTimestamp, type Micros } from '../primitives/timestamps.js'
import { SortedList, type UpdatedKey } from './sorted-list.js'
import type { TableIndex } from './table.js'

/** The fields of a conversation record the index orders and filters by. */
export type IndexedConversation = {
  id: number
  updated: string
  inbox: number
  status: ConversationStatus
  unread_users: readonly number[]
}

type Entry = UpdatedKey & {
  readonly inbox: number
  readonly status: ConversationStatus
  readonly unreadUsers: readonly number[]
}

/** The user id that stands for "unread for anyone" in unread lists. */
export const ANY_USER = 0

/** Which conversations a list or count asks for. */
export type ConversationSelection = {
  inboxes: readonly number[]
  statuses: readonly ConversationStatus[]
  /** Only conversations unread for this user (`ANY_USER`: unread for anyone). */
  unreadFor?: number
  /** Only conversations updated strictly before this instant. */
  before?: Micros
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

/**
 * Conversations sorted by (`updated`, `id`) in one list per (inbox, status), plus one list per
 * (user, inbox, status) of those unread for that user. A page or a count touches only the lists its filters
 * name, with binary searches for the cursor, so its cost does not grow with the number of conversations.
 */
export class ConversationIndex implements TableIndex<IndexedConversation> {
  readonly #entries = new Map<number, Entry>()
  readonly #lists = new Map<string, SortedList<Entry>>()

  #listsOf(entry: Entry): string[] {
    const keys = [`${entry.inbox}:${entry.status}`]
    if (entry.unreadUsers.length > 0) keys.push(`u${ANY_USER}:${entry.inbox}:${entry.status}`)
    for (const user of new Set(entry.unreadUsers)) {
      if (user !== ANY_USER) keys.push(`u${user}:${entry.inbox}:${entry.status}`)
    }
    return keys
  }

  #list(key: string): SortedList<Entry> {
    let list = this.#lists.get(key)
    if (!list) {
      list = new SortedList<Entry>()
      this.#lists.set(key, list)
    }
    return list
  }

  upsert(record: IndexedConversation): void {
    const updated = parseTimestamp(record.updated) ?? 0
    const previous = this.#entries.get(record.id)
    if (
      previous &&
      previous.updated === updated &&
      previous.inbox === record.inbox &&
      previous.status === record.status &&
      sameMembers(previous.unreadUsers, record.unread_users)
    ) {
      return
    }
    // Out of its lists only: `set` below overwrites the map's slot in place, where a delete and a set would leave a
    // hole that the map later pays for by rehashing every entry.
    if (previous) this.#removeFromLists(previous)
    const entry: Entry = {
      id: record.id,
      updated,
      inbox: record.inbox,
      status: record.status,
      unreadUsers: [...record.unread_users],
    }
    this.#entries.set(record.id, entry)
    for (const key of this.#listsOf(entry)) this.#list(key).insert(entry)
  }

  remove(record: { id: number }): void {
    const entry = this.#entries.get(record.id)
    if (entry) this.#removeEntry(entry)
  }

  clear(): void {
    this.#entries.clear()
    this.#lists.clear()
  }

  #removeEntry(entry: Entry): void {
    this.#entries.delete(entry.id)
    this.#removeFromLists(entry)
  }

  #removeFromLists(entry: Entry): void {
    for (const key of this.#listsOf(entry)) this.#lists.get(key)?.remove(entry)
  }

  #streams(selection: ConversationSelection): SortedList<Entry>[] {
    const prefix = selection.unreadFor === undefined ? '' : `u${selection.unreadFor}:`
    const streams: SortedList<Entry>[] = []
    for (const inbox of new Set(selection.inboxes)) {
      for (const status of selection.statuses) {
        const list = this.#lists.get(`${prefix}${inbox}:${status}`)
        if (list && list.length > 0) streams.push(list)
      }
    }
    return streams
  }

  /**
   * Ids of the newest `limit` selected conversations, newest first (ties on `updated`: higher id first).
   * A page never ends inside a group of conversations that share an `updated` value: it grows to take the
   * whole group, so that the next page's strictly-before cursor skips none of them.
   */
  page(selection: ConversationSelection, limit: number): number[] {
    const streams = this.#streams(selection).map((list) => list.descending(selection.before))
    const heads = streams.map((stream) => stream.next().value)
    const ids: number[] = []
    let lastUpdated: Micros | undefined
    for (;;) {
      let best = -1
      let bestEntry: Entry | undefined
      for (let s = 0; s < heads.length; s++) {
        const entry = heads[s]
        if (!entry) continue
        if (!bestEntry || entry.updated > bestEntry.updated || (entry.updated === bestEntry.updated && entry.id > bestEntry.id)) {
          best = s
          bestEntry = entry
        }
      }
      if (!bestEntry) break
      if (ids.length >= limit && bestEntry.updated !== lastUpdated) break
      ids.push(bestEntry.id)
      lastUpdated = bestEntry.updated
      heads[best] = streams[best]!.next().value
    }
    return ids
  }

  /** How many conversations the selection holds. */
  count(selection: ConversationSelection): number {
    let total = 0
    for (const list of this.#streams(selection)) {
      total += selection.before === undefined ? list.length : list.countBefore(selection.before)
    }
    return total
  }

  /** The parsed `updated` of a conversation, as the index last saw it. */
  updatedOf(id: number): Micros | undefined {
    return this.#entries.get(id)?.updated
  }
}
