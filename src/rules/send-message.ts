import type { SendMessageRequest, SendMessageResponse } from '../schema/message-requests.js'
import { keyedMapOf } from '../store/compact-record.js'
import type { ContactRecord, ConversationRecord, InboxRecord, MessageRecord, UserRecord } from '../store/records.js'
import { toUnixSeconds, parseTimestamp } from '../primitives/timestamps.js'
import { requireInbox, requireInboxMember, requireUser } from './access.js'
import { appendMessage, previewOf } from './append-message.js'
import { findContactByPhone, refuseUnreachable } from './contact-lookup.js'
import type { MockContext } from './context.js'
import { badData, notFound } from './errors.js'
import { viewMessage } from './message-view.js'
import { viewConversation } from './conversation-view.js'
import { fillMergeTokens } from './merge-tokens.js'
import { findConversationByAddress, groupTarget } from './resolve-conversation.js'

/** Toll-free NANP prefixes: group MMS cannot be sent from these numbers. */
const TOLL_FREE = /^1(800|888|877|866|855|844|833)/

export type OutboundMessage = {
  text: string
  media?: string
  author?: string
  local_id?: string
  broadcast_id?: number
  private?: boolean
  custom?: { type: string; data: number[] }
}

/**
 * Who sends: the member `creator_id` names (required on sends, docs: /api-reference/messages/send), or, where
 * the API defaults the sender (scheduled messages without `user_id`), the team owner. The sender must be a
 * member of the inbox.
 */
export function resolveSender(ctx: MockContext, inbox: InboxRecord, request: { creator_id?: number }, action: string): UserRecord {
  let sender: UserRecord | undefined
  if (request.creator_id !== undefined) sender = requireUser(ctx, request.creator_id, 'creator_id', action)
  else {
    sender = ctx.store.tables.user.values().find((user) => user.role === 'owner') ?? ctx.store.tables.user.values().sort((a, b) => a.id - b.id)[0]
    if (!sender) throw badData('creator_id', `Failed to ${action}: "creator_id" is required and the team has no owner to default to. Please pass creator_id.`)
  }
  requireInboxMember(inbox, sender, 'creator_id', action)
  return sender
}

/** Starts a conversation with a customer (or a group) in an inbox, or finds the one there is. */
export async function findOrStartConversation(
  ctx: MockContext,
  inbox: InboxRecord,
  target: string,
  start: { channel: ConversationRecord['channel']; creator: number; name?: string; targets?: ConversationRecord['targets'] },
): Promise<ConversationRecord> {
  const existing = findConversationByAddress(ctx, inbox.id, target)
  if (existing) return existing
  const now = ctx.clock.timestamp()
  const contact = start.channel === 'email' ? undefined : findContactByPhone(ctx, target)
  return ctx.store.tables.conversation.insert({
    inbox: inbox.id,
    target,
    channel: start.channel,
    status: 'open',
    created: now,
    updated: now,
    creator: start.creator,
    name: start.name ?? contact?.display_name ?? '',
    blocked: contact?.blocked ?? false,
    op: 'create',
    ...(start.targets ? { targets: start.targets } : {}),
  })
}

/**
 * Stores a team message in a conversation and moves the conversation the way the API does:
 * - `updated` moves to now and the sender joins `members`; it stays read for the sender;
 * - a customer-facing message sets `replied` and `last_msg`; an internal note (`private`) does neither;
 * - the status does not change: replying into a closed conversation leaves it closed (the API leaves this
 *   open; agents reply and close in either order), and it is never marked unread the way a customer message is.
 * Event: `message_sent` (not for internal notes).
 */
export async function deliverOutbound(
  ctx: MockContext,
  inbox: InboxRecord,
  conversation: ConversationRecord,
  sender: UserRecord,
  outbound: OutboundMessage,
): Promise<MessageRecord> {
  const message = await appendMessage(ctx, conversation, inbox, {
    type: outbound.private ? 'private' : 'outbound',
    status: 'sent',
    text: outbound.text,
    media: outbound.media ?? '',
    user: sender.id,
    author: outbound.author ?? sender.name,
    local_id: outbound.local_id ?? '',
    broadcast_id: outbound.broadcast_id ?? 0,
    ...(outbound.custom ? { custom: outbound.custom } : {}),
  })
  const members = conversation.members.some((member) => member.id === sender.id)
    ? conversation.members
    : [...conversation.members, { id: sender.id, name: sender.name }]
  const updated = ctx.store.tables.conversation.update(conversation, {
    updated: message.date,
    members,
    unread_users: conversation.unread_users.filter((id) => id !== sender.id),
    read_by: { ...conversation.read_by, [String(sender.id)]: toUnixSeconds(parseTimestamp(message.date)!) },
    ...(outbound.private ? {} : { replied: true, last_msg: previewOf(message) }),
    op: 'update',
  })
  if (!outbound.private && ctx.events.wants('message_sent')) ctx.events.emit('message_sent', viewMessage(message, updated))
  return message
}

function galleryUrlOf(message: MessageRecord): string | undefined {
  return message.media ? `https://gallery.heymarket-mock.test/m/${message.id}` : undefined
}

function answerFor(message: MessageRecord, complianceResults: Record<string, unknown> = {}): SendMessageResponse {
  const gallery = galleryUrlOf(message)
  return {
    id: message.id,
    date: message.date,
    convo_id: message.conversation_id,
    queued: true,
    compliance_results: complianceResults,
    ...(gallery ? { gallery_url: gallery } : {}),
  }
}

/**
 * The text a send carries for a recipient: its own, a template's, or a survey's question, with merge tokens
 * filled for that recipient.
 * @note Tokens are filled in a plain `text` too (the docs describe them for templates), so that a broadcast's
 * `Hi {{first_name}}` greets every member by name.
 */
function contentFor(ctx: MockContext, request: SendMessageRequest, recipient: ContactRecord | undefined, action: string) {
  let text = request.text ? fillMergeTokens(ctx, request.text, recipient) : ''
  let custom: OutboundMessage['custom']
  if (request.template_id !== undefined) {
    const template = ctx.store.tables.template.get(request.template_id)
    if (!template) throw notFound('template_id', `Failed to ${action}: template ${request.template_id} does not exist. Please use an id from POST /v1/templates.`)
    if (template.archived) throw badData('template_id', `Failed to ${action}: template ${template.id} (${template.name}) is archived. Please use an active template.`)
    const filled = fillMergeTokens(ctx, template.content.text, recipient)
    text = text ? `${filled}\n${text}` : filled
  }
  if (request.survey_id !== undefined) {
    const survey = ctx.store.tables.survey.get(request.survey_id)
    if (!survey) throw notFound('survey_id', `Failed to ${action}: survey ${request.survey_id} does not exist. Please use an id from POST /v1/surveys.`)
    text = text ? `${text}\n${survey.question}` : survey.question
    custom = { type: 'survey', data: [survey.id] }
  }
  return { text, ...(custom ? { custom } : {}) }
}

/**
 * `POST /v1/message/send`: one 1:1 message (`phone_number`, `chat_id`), a group MMS (`targets`), or a broadcast
 * of one 1:1 message per member of a list (`list_id` + `local_id`). A `local_id` seen before in the inbox sends
 * nothing again and answers as the first send did.
 */
export async function sendMessage(ctx: MockContext, request: SendMessageRequest): Promise<SendMessageResponse> {
  const action = 'send message'
  const inbox = requireInbox(ctx, request.inbox_id, 'inbox_id', action)
  const sender = resolveSender(ctx, inbox, request, action)

  if (request.local_id !== undefined) {
    const earlier = ctx.store.indexes.messageByLocalId
      .all(request.local_id)
      .map((id) => ctx.store.tables.message.get(id)!)
      .filter((message) => ctx.store.tables.conversation.get(message.conversation_id)?.inbox === inbox.id)
    if (earlier.length > 0) {
      const first = earlier[0]!
      return first.broadcast_id
        ? { ...answerFor(first, { sent: earlier.length }), id: first.broadcast_id, convo_id: 0 }
        : answerFor(first)
    }
  }

  if (request.list_id !== undefined) return broadcast(ctx, request, inbox, sender)

  let conversation: ConversationRecord
  let recipient: ContactRecord | undefined
  if (request.chat_id !== undefined) {
    const found = ctx.store.tables.conversation.get(request.chat_id)
    if (!found || found.inbox !== inbox.id) {
      throw notFound('chat_id', `Failed to ${action}: inbox ${inbox.id} has no conversation ${request.chat_id}. Please use an id from POST /v1/conversations.`)
    }
    conversation = found
    recipient = findContactByPhone(ctx, conversation.target)
  } else if (request.targets !== undefined) {
    if (TOLL_FREE.test(inbox.phone)) {
      throw badData('targets', `Failed to ${action}: inbox ${inbox.id} sends from the toll-free number ${inbox.phone}, and group MMS cannot be sent from toll-free numbers. Please use an inbox with a local number.`)
    }
    const participants = [...new Set(request.targets)].sort()
    participants.forEach((phone, i) => refuseUnreachable(findContactByPhone(ctx, phone), phone, `targets[${i}]`, action))
    // Keyed by phone numbers: made as the store keeps such maps (see store/compact-record.ts).
    const names = keyedMapOf(
      participants.map((phone) => {
        const contact = findContactByPhone(ctx, phone)
        return [phone, contact ? { f: contact.first, l: contact.last } : {}] as const
      }),
    )
    if (request.private) throw badData('private', `Failed to ${action}: internal comments go into one existing conversation. Please pass chat_id.`)
    conversation = await findOrStartConversation(ctx, inbox, groupTarget(participants), { channel: 'mms', creator: sender.id, targets: names })
  } else {
    const phone = request.phone_number!
    recipient = findContactByPhone(ctx, phone)
    const existing = findConversationByAddress(ctx, inbox.id, phone)
    if (request.private && !existing) {
      throw badData('private', `Failed to ${action}: inbox ${inbox.id} has no conversation with ${phone} to comment on. Please comment inside an existing conversation.`)
    }
    conversation = existing ?? (await findOrStartConversationChecked(ctx, inbox, phone, recipient, sender, action))
  }
  if (!request.private) {
    const field = request.chat_id !== undefined ? 'chat_id' : request.targets !== undefined ? 'targets' : 'phone_number'
    if (!conversation.targets) refuseUnreachable(recipient, conversation.target, field, action)
  }
  const content = contentFor(ctx, request, recipient, action)
  const message = await deliverOutbound(ctx, inbox, conversation, sender, {
    ...content,
    ...(request.media_url ? { media: request.media_url } : {}),
    ...(request.author ? { author: request.author } : {}),
    ...(request.local_id ? { local_id: request.local_id } : {}),
    ...(request.private ? { private: true } : {}),
  })
  return answerFor(message)
}

async function findOrStartConversationChecked(
  ctx: MockContext,
  inbox: InboxRecord,
  phone: string,
  recipient: ContactRecord | undefined,
  sender: UserRecord,
  action: string,
): Promise<ConversationRecord> {
  refuseUnreachable(recipient, phone, 'phone_number', action)
  return findOrStartConversation(ctx, inbox, phone, { channel: 'sms', creator: sender.id })
}

/**
 * A broadcast: one 1:1 message to each member of the list, sharing a `broadcast_id`.
 * @note The answer's `id` is the broadcast id and `convo_id` is 0 (there is no single conversation);
 * `compliance_results` says how many were sent and which members were skipped (opted out or blocked).
 */
async function broadcast(ctx: MockContext, request: SendMessageRequest, inbox: InboxRecord, sender: UserRecord): Promise<SendMessageResponse> {
  const action = 'send message'
  const list = ctx.store.tables.list.get(request.list_id!)
  if (!list) throw notFound('list_id', `Failed to ${action}: list ${request.list_id} does not exist. Please use an id from POST /v1/lists.`)
  const recipients = list.contact_ids
    .map((id) => ctx.store.tables.contact.get(id))
    .filter((contact): contact is ContactRecord => contact !== undefined && contact.phone !== '')
  for (const recipient of recipients) contentFor(ctx, request, recipient, action) // refuse bad templates before sending anything
  const broadcastId = ctx.store.sequences.next('broadcast')
  const skipped: Record<string, string> = {}
  let first: MessageRecord | undefined
  let sent = 0
  for (const recipient of recipients) {
    if (recipient.is_opted_out || recipient.blocked) {
      skipped[recipient.phone] = recipient.blocked ? 'blocked' : 'unsubscribed'
      continue
    }
    const isNew = findConversationByAddress(ctx, inbox.id, recipient.phone) === undefined
    const conversation = await findOrStartConversation(ctx, inbox, recipient.phone, { channel: 'sms', creator: sender.id })
    // A conversation a broadcast starts waits for the customer's first reply: `chat_pending` (decisions/webhooks.md).
    if (isNew && ctx.events.wants('chat_pending')) ctx.events.emit('chat_pending', viewConversation(conversation))
    const message = await deliverOutbound(ctx, inbox, conversation, sender, {
      ...contentFor(ctx, request, recipient, action),
      ...(request.media_url ? { media: request.media_url } : {}),
      ...(request.author ? { author: request.author } : {}),
      local_id: request.local_id!,
      broadcast_id: broadcastId,
    })
    first ??= message
    sent++
  }
  return {
    id: broadcastId,
    date: first?.date ?? ctx.clock.timestamp(),
    convo_id: 0,
    queued: sent > 0,
    compliance_results: { sent, ...(Object.keys(skipped).length > 0 ? { skipped } : {}) },
  }
}
