import type { ConversationRecord } from '../store/records.js'
import { formatTimestamp, parseTimestamp, timestampProblem } from '../primitives/timestamps.js'
import type { MockContext } from './context.js'
import { badData, notFound } from './errors.js'

function requireConversation(ctx: MockContext, id: number, action: string): ConversationRecord {
  const conversation = ctx.store.tables.conversation.get(id)
  if (!conversation) throw notFound('conversation_id', `Failed to ${action}: conversation ${id} does not exist. Please use an id from POST /v1/conversations.`)
  return conversation
}

/**
 * Snoozes a conversation until an instant (the API has no endpoint for this: the mock offers it through
 * `mock.simulate.snooze` and `POST /__mock/snooze`). Snoozing hides nothing by itself: `snooze_till` is set and
 * the conversation stays in every list. `until` must be in the future; an empty `until` unsnoozes.
 */
export function snoozeConversation(ctx: MockContext, conversationId: number, until: string): ConversationRecord {
  const action = 'snooze conversation'
  const conversation = requireConversation(ctx, conversationId, action)
  if (until === '') return ctx.store.tables.conversation.update(conversation, { snooze_till: '' })
  const at = parseTimestamp(until)
  if (at === undefined) throw badData('until', `Failed to ${action}: "until" ${timestampProblem(until)}, got ${JSON.stringify(until)}. Please pass one such as 2026-11-21T09:00:00Z.`)
  if (at <= ctx.clock.nowMicros()) {
    throw badData('until', `Failed to ${action}: "until" (${until}) is not in the future (the mock clock says ${ctx.clock.timestamp()}). Please pass a later time.`)
  }
  return ctx.store.tables.conversation.update(conversation, { snooze_till: formatTimestamp(at) })
}

/** Mutes or unmutes a conversation's notifications (recorded and returned; listing is unaffected). */
export function muteConversation(ctx: MockContext, conversationId: number, muted: boolean): ConversationRecord {
  const conversation = requireConversation(ctx, conversationId, 'mute conversation')
  return ctx.store.tables.conversation.update(conversation, { muted })
}

/**
 * A snooze ends when the mock clock passes `snooze_till`: it is cleared and the conversation needs attention
 * again: open, unread for its assignee (or for every member of the inbox when nobody is assigned), and at the
 * top of the list (`updated` = now). (A customer message also ends a snooze; see receiveInboundMessage.)
 */
export function wakeDueSnoozes(ctx: MockContext): number {
  const now = ctx.clock.nowMicros()
  const due: number[] = []
  for (const key of ctx.store.indexes.snoozedConversations.list.ascending()) {
    if (key.updated > now) break
    due.push(key.id)
  }
  for (const id of due) {
    const conversation = ctx.store.tables.conversation.get(id)
    if (!conversation) continue
    const inbox = ctx.store.tables.inbox.get(conversation.inbox)
    const attention = conversation.assigned !== 0 ? [conversation.assigned] : [...(inbox?.members ?? [])]
    ctx.store.tables.conversation.update(conversation, {
      snooze_till: '',
      status: 'open',
      unread_users: [...new Set([...conversation.unread_users, ...attention])].sort((a, b) => a - b),
      updated: ctx.clock.timestamp(),
      op: 'update',
    })
  }
  return due.length
}
