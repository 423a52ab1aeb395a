import type { Message } from '../schema/message.js'
import type { AllMessagesRequest, MessageHistoryQuery } from '../schema/message-requests.js'
import { DEFAULT_CONVERSATION_PAGE_SIZE } from '../schema/conversation-requests.js'
import { countKeys, pageKeys } from '../store/sorted-list.js'
import { parseTimestamp } from '../primitives/timestamps.js'
import { requireInbox } from './access.js'
import type { MockContext } from './context.js'
import { viewMessage } from './message-view.js'
import { findConversationByAddress } from './resolve-conversation.js'

/** Most messages `GET /v1/messages` answers with. */
export const HISTORY_LIMIT = 50

/**
 * `GET /v1/messages`: the latest messages (up to 50) of the conversation with `phoneNumber`, most recent first,
 * only those before `timestamp` (Unix seconds) when given. Internal notes are included (the app shows them in
 * the thread); a blocked contact's hidden messages are not.
 * `inboxID` is required (docs: /api-reference/messages/get-history); an undocumented `limit` is not read.
 */
export function messageHistory(ctx: MockContext, query: MessageHistoryQuery): Message[] {
  const action = 'get message history'
  const inboxes = [requireInbox(ctx, query.inboxID, 'inboxID', action)]
  const before = query.timestamp === undefined ? undefined : query.timestamp * 1_000_000
  const limit = HISTORY_LIMIT
  const found: { at: number; id: number; message: Message }[] = []
  for (const inbox of inboxes) {
    const conversation = findConversationByAddress(ctx, inbox.id, query.phoneNumber)
    if (!conversation) continue
    const ids = ctx.store.indexes.messagesByConversation.ids(conversation.id)
    for (let i = ids.length - 1, taken = 0; i >= 0 && taken < limit; i--) {
      const record = ctx.store.tables.message.get(ids[i]!)!
      const at = parseTimestamp(record.date)!
      if (record.hidden || (before !== undefined && at >= before)) continue
      found.push({ at, id: record.id, message: viewMessage(record, conversation) })
      taken++
    }
  }
  return found
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .slice(0, limit)
    .map((entry) => entry.message)
}

function selection(ctx: MockContext, request: AllMessagesRequest) {
  const byUpdated = request.order === 'updated_at'
  const list = (byUpdated ? ctx.store.indexes.messagesByUpdated : ctx.store.indexes.messagesByDate).list
  const cursor = request.created_at === undefined ? undefined : parseTimestamp(request.created_at)
  return { list, page: { ascending: request.ascending ?? false, ...(cursor !== undefined ? { cursor } : {}) } }
}

/**
 * `POST /v1/messages/all`: every message of the team, newest first by `date` (or by `updated` with
 * `order: "updated_at"`). `created_at` is the cursor: messages strictly before it, or strictly after it with
 * `ascending: true` (the direction follows the sort, as clients walking forward expect). The next page's cursor
 * is the last message's `date`; a page never splits messages that share one.
 */
export function listAllMessages(ctx: MockContext, request: AllMessagesRequest): Message[] {
  const { list, page } = selection(ctx, request)
  const ids = pageKeys(list, { ...page, limit: request.limit ?? DEFAULT_CONVERSATION_PAGE_SIZE })
  const messages: Message[] = []
  for (const id of ids) {
    const record = ctx.store.tables.message.get(id)!
    // A conversation deleted straight from mock.db takes its messages out of the lists.
    const conversation = ctx.store.tables.conversation.get(record.conversation_id)
    if (conversation) messages.push(viewMessage(record, conversation))
  }
  return messages
}

/** `POST /v1/messages/all/count`: how many messages the same body selects. */
export function countAllMessages(ctx: MockContext, request: AllMessagesRequest): number {
  const { list, page } = selection(ctx, request)
  return countKeys(list, page)
}
