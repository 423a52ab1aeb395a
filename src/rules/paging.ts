import { DEFAULT_CONVERSATION_PAGE_SIZE } from '../schema/conversation-requests.js'
import type { PaginationRequest } from '../schema/contact-requests.js'
import { countKeys, pageKeys, type SortedList, type UpdatedKey } from '../store/sorted-list.js'
import { parseTimestamp } from '../primitives/timestamps.js'

/**
 * A page of a date-cursor list (contacts, templates, tags, lists): newest `updated` first, 30 by default,
 * `date` = strictly before it (strictly after with `ascending: true`), `[]` after the last page.
 * `accept` narrows the list (a search).
 */
export function pageOf(list: SortedList<UpdatedKey>, request: PaginationRequest, accept?: (id: number) => boolean): number[] {
  return pageKeys(list, { ...cursorOf(request, accept), limit: request.limit ?? DEFAULT_CONVERSATION_PAGE_SIZE })
}

/** How many records the same body selects, ignoring `limit`. */
export function countOf(list: SortedList<UpdatedKey>, request: PaginationRequest, accept?: (id: number) => boolean): number {
  return countKeys(list, cursorOf(request, accept))
}

function cursorOf(request: PaginationRequest, accept?: (id: number) => boolean) {
  const cursor = request.date === undefined ? undefined : parseTimestamp(request.date)
  return {
    ascending: request.ascending ?? false,
    ...(cursor !== undefined ? { cursor } : {}),
    ...(accept ? { accept } : {}),
  }
}

/** A case-insensitive "contains" over some text fields, or undefined when there is nothing to search for. */
export function searchFor<R>(text: string | undefined, get: (id: number) => R | undefined, fields: (record: R) => string[]) {
  const needle = text?.trim().toLowerCase()
  if (!needle) return undefined
  return (id: number) => {
    const record = get(id)
    return record !== undefined && fields(record).some((value) => value.toLowerCase().includes(needle))
  }
}
