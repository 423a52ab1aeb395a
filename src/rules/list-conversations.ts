import type { Conversation, ConversationStatus } from '../schema/conversation.js'
import {
  DEFAULT_CONVERSATION_PAGE_SIZE,
  type ConversationFilters,
  type CountConversationsRequest,
  type ListConversationsRequest,
} from '../schema/conversation-requests.js'
import { ANY_USER, type ConversationSelection } from '../store/conversation-index.js'
import { parseTimestamp } from '../primitives/timestamps.js'
import { allInboxes, CREDENTIALS_USER, inboxesOfUser, requireInbox, requireUser } from './access.js'
import type { MockContext } from './context.js'
import { denied, notFound } from './errors.js'
import { viewConversation } from './conversation-view.js'

/**
 * The inboxes a list or count covers: those of the acting user (all of the team's for `id: 0`), narrowed to
 * `filters.inboxes` when given. Naming an inbox the user is not a member of is refused (403), naming one
 * that does not exist is 404; an empty `filters.inboxes` means "no inbox filter".
 */
function selectInboxes(ctx: MockContext, userId: number, requested: readonly number[] | undefined, action: string): number[] {
  const allowed =
    userId === CREDENTIALS_USER ? allInboxes(ctx) : inboxesOfUser(ctx, requireUser(ctx, userId, 'id', action).id)
  if (!requested || requested.length === 0) return allowed.map((inbox) => inbox.id)
  const allowedIds = new Set(allowed.map((inbox) => inbox.id))
  requested.forEach((inboxId, position) => {
    const inbox = requireInbox(ctx, inboxId, `filters.inboxes[${position}]`, action)
    if (!allowedIds.has(inbox.id)) {
      throw denied(
        `filters.inboxes[${position}]`,
        `Failed to ${action}: user ${userId} is not a member of inbox ${inbox.id} (${inbox.name}). Please filter on the user's own inboxes: ${[...allowedIds].join(', ') || 'none'}.`,
      )
    }
  })
  return [...new Set(requested)]
}

/**
 * `filters.closed`: true → closed only, false → open only, absent → both.
 * `filters.unread`: true → only those unread for the acting user (for `id: 0`, unread for anyone);
 * false or absent → no unread filter (the docs' own example sends `unread: false` meaning "all").
 */
function buildSelection(ctx: MockContext, userId: number, filters: ConversationFilters | undefined, date: string | undefined, action: string): ConversationSelection {
  const statuses: ConversationStatus[] =
    filters?.closed === undefined ? ['open', 'closed'] : filters.closed ? ['closed'] : ['open']
  const selection: ConversationSelection = {
    inboxes: selectInboxes(ctx, userId, filters?.inboxes, action),
    statuses,
  }
  if (filters?.unread === true) selection.unreadFor = userId === CREDENTIALS_USER ? ANY_USER : userId
  if (date !== undefined) selection.before = parseTimestamp(date)
  return selection
}

/**
 * One page of `POST /v1/conversations`: newest `updated` first, only conversations updated strictly before
 * `date` when given. The next page's cursor is the last item's `updated`; an empty page ends the walk.
 * @note Ties on `updated` are ordered by id (higher first) and a page never splits a tie group, so a walk
 * returns every conversation exactly once (see decisions/pagination.md).
 */
export function listConversations(ctx: MockContext, request: ListConversationsRequest): Conversation[] {
  const action = 'list conversations'
  const selection = buildSelection(ctx, request.id, request.filters, request.date, action)
  const ids = ctx.store.indexes.conversationOrder.page(selection, request.limit ?? DEFAULT_CONVERSATION_PAGE_SIZE)
  const table = ctx.store.tables.conversation
  return ids.map((id) => viewConversation(table.get(id)!, request.id))
}

/**
 * `POST /v1/conversations/count`: how many conversations the same filters and cursor select.
 * @note Without `id` the count covers every inbox of the team (the docs show only `date` for this endpoint).
 */
export function countConversations(ctx: MockContext, request: CountConversationsRequest): number {
  const selection = buildSelection(ctx, request.id ?? CREDENTIALS_USER, request.filters, request.date, 'count conversations')
  return ctx.store.indexes.conversationOrder.count(selection)
}

/** `GET /v1/conversations/{id}`, as the team's credentials see it (no acting user). */
export function getConversation(ctx: MockContext, id: number): Conversation {
  const record = ctx.store.tables.conversation.get(id)
  if (!record) {
    throw notFound('id', `Failed to get conversation: conversation ${id} does not exist. Please use an id from POST /v1/conversations.`)
  }
  return viewConversation(record)
}
