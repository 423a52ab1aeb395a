import type { ConversationRecord, InboxRecord, MessageRecord } from '../store/records.js'
import { parseTimestamp, toUnixSeconds } from '../primitives/timestamps.js'
import { allInboxes, requireInbox } from './access.js'
import { appendMessage, previewOf } from './append-message.js'
import type { MockContext } from './context.js'
import { viewConversation } from './conversation-view.js'
import { badData, notFound } from './errors.js'
import { viewMessage } from './message-view.js'
import { findConversationByAddress } from './resolve-conversation.js'
import { findContactByPhone } from './contact-lookup.js'
import { setOptedOut } from './contact-status.js'

export type InboundResult = {
  conversation: ConversationRecord
  message: MessageRecord
  /** The message started a new conversation. */
  created: boolean
  /** The message reopened a closed conversation. */
  reopened: boolean
}

/** A validated inbound message (see `simulateInboundRequestSchema`). */
export type InboundMessage = {
  conversation_id?: number
  from?: string
  inbox_id?: number
  text?: string
  media_url?: string
  /**
   * `'call'`: the customer phoned (the help center: with the inbox setting on, a call makes a conversation with
   * a message "Phone call from <number>"); the event is `incoming_call` rather than `message_recieved`.
   */
  kind?: 'message' | 'call'
}

function updatedOf(ctx: MockContext, conversation: ConversationRecord): number {
  return ctx.store.indexes.conversationOrder.updatedOf(conversation.id) ?? 0
}

function pickInbox(ctx: MockContext, target: string, inboxId: number | undefined, action: string): InboxRecord {
  if (inboxId !== undefined) return requireInbox(ctx, inboxId, 'inbox_id', action)
  const inboxes = allInboxes(ctx)
  const talkedTo = inboxes
    .map((inbox) => findConversationByAddress(ctx, inbox.id, target))
    .filter((conversation): conversation is ConversationRecord => conversation !== undefined)
    .sort((a, b) => updatedOf(ctx, b) - updatedOf(ctx, a) || b.id - a.id)[0]
  if (talkedTo) return requireInbox(ctx, talkedTo.inbox, 'from', action)
  const first = inboxes[0]
  if (!first) throw badData('inbox_id', `Failed to ${action}: the mock has no inbox. Please seed one, or create one with mock.db.inbox.create(...).`)
  return first
}

/** Carrier keywords (CTIA): a customer texting one of these opts out of, or back in to, the team's texts. */
const OPT_OUT_KEYWORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'])
const OPT_IN_KEYWORDS = new Set(['START', 'UNSTOP', 'YES'])

/**
 * A message that is exactly an opt-out keyword (STOP, UNSUBSCRIBE, ...) opts the sender out of texts, one that
 * is START, UNSTOP or YES opts them back in, as carriers require. The sender becomes a contact if they were
 * not one. Events: `target_opt_out` / `target_opt_in`.
 */
async function applyOptKeyword(ctx: MockContext, text: string, phone: string): Promise<void> {
  const keyword = text.trim().toUpperCase()
  const optOut = OPT_OUT_KEYWORDS.has(keyword)
  if (!optOut && !OPT_IN_KEYWORDS.has(keyword)) return
  if (!/^\d+$/.test(phone)) return
  const known = findContactByPhone(ctx, phone)
  if (!known && !optOut) return
  const contact =
    known ??
    (await ctx.store.tables.contact.insert({
      phone,
      team_id: ctx.store.team()?.id ?? 0,
      created: ctx.clock.timestamp(),
      updated: ctx.clock.timestamp(),
    }))
  setOptedOut(ctx, contact, optOut, 'contact')
}

/**
 * Who a new conversation goes to when its inbox auto-assigns: the member with the fewest open conversations
 * assigned in that inbox (lowest id on a tie), so that the choice is deterministic.
 */
function chooseAutoAssignee(ctx: MockContext, inbox: InboxRecord): number {
  if (!inbox.auto_assignable || inbox.members.length === 0) return 0
  const load = new Map(inbox.members.map((member) => [member, 0]))
  for (const conversation of ctx.store.tables.conversation.values()) {
    if (conversation.inbox === inbox.id && conversation.status === 'open' && load.has(conversation.assigned)) {
      load.set(conversation.assigned, load.get(conversation.assigned)! + 1)
    }
  }
  return [...load.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0]![0]
}

/**
 * A customer message arrives.
 * - A new number starts a new open conversation (assigned automatically when the inbox auto-assigns).
 * - The message is stored; `updated` and `last_inbound` move to now; it becomes unread for every member of
 *   the inbox; `snooze_till` is cleared (the customer wrote, so it needs attention now).
 * - A closed conversation reopens, as the API documents ("reopen automatically when the customer writes").
 * - A blocked contact's message is stored hidden (`hidden: true`) and changes nothing else: no reopening,
 *   no unread, no events. A first message from a blocked number starts a closed, blocked conversation.
 * Events: `message_recieved`, then `chat_opened` when it reopened.
 */
export async function receiveInboundMessage(ctx: MockContext, input: InboundMessage): Promise<InboundResult> {
  const action = 'receive inbound message'
  let conversation: ConversationRecord | undefined
  let inbox: InboxRecord
  if (input.conversation_id !== undefined) {
    conversation = ctx.store.tables.conversation.get(input.conversation_id)
    if (!conversation) {
      throw notFound('conversation_id', `Failed to ${action}: conversation ${input.conversation_id} does not exist. Please pass an existing id, or "from".`)
    }
    inbox = requireInbox(ctx, conversation.inbox, 'conversation_id', action)
  } else {
    const target = input.from!
    inbox = pickInbox(ctx, target, input.inbox_id, action)
    conversation = findConversationByAddress(ctx, inbox.id, target)
  }

  const contact = findContactByPhone(ctx, conversation?.target ?? input.from!)
  const blocked = conversation?.blocked ?? contact?.blocked ?? false
  const created = conversation === undefined
  if (!conversation) {
    const now = ctx.clock.timestamp()
    conversation = await ctx.store.tables.conversation.insert({
      inbox: inbox.id,
      target: input.from!,
      channel: 'sms',
      status: blocked ? 'closed' : 'open',
      assigned: blocked ? 0 : chooseAutoAssignee(ctx, inbox),
      created: now,
      updated: now,
      name: contact?.display_name ?? '',
      blocked,
      op: 'create',
    })
  }

  const message = await appendMessage(ctx, conversation, inbox, {
    type: 'inbound',
    status: 'received',
    text: input.text ?? '',
    media: input.media_url ?? '',
    author: contact?.display_name || conversation.target,
    hidden: blocked,
  })
  if (blocked) return { conversation, message, created, reopened: false }
  if (input.kind !== 'call') await applyOptKeyword(ctx, input.text ?? '', conversation.target)

  const wasClosed = conversation.status === 'closed'
  const updated = ctx.store.tables.conversation.update(conversation, {
    status: 'open',
    updated: message.date,
    last_inbound: toUnixSeconds(parseTimestamp(message.date)!),
    last_msg: previewOf(message),
    unread_users: [...inbox.members].sort((a, b) => a - b),
    snooze_till: '',
    op: 'update',
  })

  const eventType = input.kind === 'call' ? 'incoming_call' : 'message_recieved'
  if (ctx.events.wants(eventType)) ctx.events.emit(eventType, viewMessage(message, updated))
  if (wasClosed && ctx.events.wants('chat_opened')) ctx.events.emit('chat_opened', viewConversation(updated))
  return { conversation: updated, message, created, reopened: wasClosed }
}
