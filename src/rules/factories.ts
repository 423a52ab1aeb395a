import { formatTimestamp } from '../primitives/timestamps.js'
import type { ContactRecord, ConversationRecord, InboxRecord, MessageRecord, UserRecord } from '../store/records.js'
import { allInboxes, requireInbox, requireInboxMember, requireUser } from './access.js'
import { findContactByPhone } from './contact-lookup.js'
import { createContact, requireContact } from './contacts.js'
import type { MockContext } from './context.js'
import { closeConversation, markConversationRead, reassignConversation } from './conversation-lifecycle.js'
import { badData, notFound } from './errors.js'
import { receiveInboundMessage } from './receive-inbound-message.js'
import { findConversationByAddress } from './resolve-conversation.js'
import { sendEmail } from './send-email.js'
import { deliverOutbound, findOrStartConversation, sendMessage } from './send-message.js'
import { muteConversation, snoozeConversation } from './snooze-and-mute.js'

/**
 * What a built conversation is like, in the spirit of Mirage's traits (`server.create('conversation', 'closed')`):
 * - `closed`: closed by the sender after the last message (so `updated` is the close);
 * - `unread`: the last message is the customer's and the inbox's members have not read it;
 * - `read`: every member of the inbox has read it;
 * - `snoozed`: snoozed for a day; `muted`: notifications muted.
 */
export const CONVERSATION_TRAITS = ['open', 'closed', 'unread', 'read', 'snoozed', 'muted'] as const
export type ConversationTrait = (typeof CONVERSATION_TRAITS)[number]

/** One message of a built thread: who writes it and what it says (a sequence text when left out). */
export type MessageSpec = {
  /** `inbound` (the customer), `outbound` (the team, the default for a thread's odd turns) or `private` (an internal note). */
  type?: 'inbound' | 'outbound' | 'private'
  text?: string
  media_url?: string
  /** Who on the team writes an outbound message or note (default: the thread's sender). */
  user?: number
}

type ThreadInput = {
  /** The inbox (default: the first inbox). */
  inbox?: number
  traits?: readonly ConversationTrait[]
  /** How many messages (alternating customer and team, ending on the customer's when `unread`), or each one. */
  messages?: number | readonly MessageSpec[]
  /** Assign it to this member of the inbox. */
  assignedTo?: number
  /** Who on the team writes (default: `assignedTo`, else the inbox's first member). */
  sender?: number
}

export type BuildConversationInput = ThreadInput & {
  /** An existing contact to talk to. Default: a new contact from the sequence (or the one with `phone`). */
  contact?: number
  /** The customer's number (default: the next free number of the sequence 1415555xxxx). */
  phone?: string
  /** The new contact's first and last name (default: `Customer` and the sequence number). */
  first?: string
  last?: string
}

export type BuildGroupInput = ThreadInput & {
  /** The participants: a count of new contacts (default 3), or their numbers. */
  participants?: number | readonly string[]
}

export type BuildEmailThreadInput = ThreadInput & {
  /** The customer's address (default: customer<n>@example.com). */
  email?: string
  /** The thread's title (`conv_title`). */
  subject?: string
}

export type BuildContactInput = {
  phone?: string
  first?: string
  last?: string
  email?: string
  display_name?: string
  tags?: number[]
  is_opted_out?: boolean
}

export type BuildMessageInput = MessageSpec & {
  /** The conversation the message goes into. */
  conversation: number
}

export type BuiltThread = { conversation: ConversationRecord; messages: MessageRecord[]; contacts: ContactRecord[] }

/** The factories' sequence numbers; `mock.reset()` starts them again, so a test builds the same records every run. */
export type FactorySequences = {
  contact: number
  message: number
  email: number
  /** Moves a test clock one step between the messages of a thread (nothing for other clocks). */
  step(): void
}

export function createFactorySequences(step: () => void = () => {}): FactorySequences {
  return { contact: 0, message: 0, email: 0, step }
}

const BUILD = 'build'

function checkTraits(traits: readonly ConversationTrait[], messageCount: number, action: string): Set<ConversationTrait> {
  const set = new Set(traits)
  for (const trait of set) {
    if (!CONVERSATION_TRAITS.includes(trait)) {
      throw badData('traits', `Failed to ${action}: there is no trait ${JSON.stringify(trait)}. Please use some of: ${CONVERSATION_TRAITS.join(', ')}.`)
    }
  }
  const clash = ([a, b]: [ConversationTrait, ConversationTrait]) => set.has(a) && set.has(b)
  for (const pair of [['open', 'closed'], ['read', 'unread'], ['snoozed', 'closed']] as [ConversationTrait, ConversationTrait][]) {
    if (clash(pair)) throw badData('traits', `Failed to ${action}: the traits "${pair[0]}" and "${pair[1]}" contradict each other. Please keep one of them.`)
  }
  if (set.has('unread') && messageCount === 0) {
    throw badData('messages', `Failed to ${action}: an unread conversation needs a message from the customer. Please ask for at least one message.`)
  }
  return set
}

function pickInbox(ctx: MockContext, inboxId: number | undefined, action: string): InboxRecord {
  if (inboxId !== undefined) return requireInbox(ctx, inboxId, 'inbox', action)
  const first = allInboxes(ctx).find((inbox) => inbox.members.length > 0)
  if (!first) throw badData('inbox', `Failed to ${action}: the mock has no inbox with members. Please seed one, or pass "inbox".`)
  return first
}

function pickSender(ctx: MockContext, inbox: InboxRecord, input: ThreadInput, action: string): UserRecord {
  const id = input.sender ?? input.assignedTo ?? inbox.members[0]
  if (id === undefined) throw badData('sender', `Failed to ${action}: inbox ${inbox.id} has no members to write. Please pass "sender".`)
  const field = input.sender !== undefined ? 'sender' : input.assignedTo !== undefined ? 'assignedTo' : 'inbox'
  const user = requireUser(ctx, id, field, action)
  requireInboxMember(inbox, user, field, action)
  return user
}

/**
 * The kinds of the messages of a thread: alternating, the customer first, or ending on the customer's when the
 * conversation is to be unread; given specs keep their own kinds.
 */
function planMessages(messages: ThreadInput['messages'], traits: Set<ConversationTrait>, firstIsTeam: boolean): MessageSpec[] {
  if (Array.isArray(messages)) return messages.map((spec) => ({ ...spec }))
  const count = (messages as number | undefined) ?? 3
  if (!Number.isInteger(count) || count < 0 || count > 1000) {
    throw badData('messages', `Failed to ${BUILD} a conversation: "messages" must be a whole number from 0 to 1000 or a list of messages, got ${JSON.stringify(messages)}.`)
  }
  const endsInbound = traits.has('unread')
  return Array.from({ length: count }, (_, i): MessageSpec => {
    const fromEnd = count - 1 - i
    const inbound = firstIsTeam && i === 0 ? false : endsInbound ? fromEnd % 2 === 0 : i % 2 === 0
    return { type: inbound ? 'inbound' : 'outbound' }
  })
}

function nextText(ctx: MockContext, sequences: FactorySequences, type: MessageSpec['type']): string {
  const n = ++sequences.message
  return type === 'inbound' ? `Customer message ${n}` : type === 'private' ? `Note ${n}` : `Team reply ${n}`
}

/** The next number of the sequence that no contact and no conversation of the inbox uses. */
function nextFreePhone(ctx: MockContext, sequences: FactorySequences, inbox: InboxRecord | undefined): string {
  for (;;) {
    const n = ++sequences.contact
    const phone = `1415555${String(n % 10_000).padStart(4, '0')}`
    if (findContactByPhone(ctx, phone)) continue
    if (inbox && findConversationByAddress(ctx, inbox.id, phone)) continue
    return phone
  }
}

/** A contact through the contact rules (as `POST /v1/contact` makes one), with sequence defaults. */
export async function buildContact(ctx: MockContext, sequences: FactorySequences, input: BuildContactInput = {}): Promise<ContactRecord> {
  const phone = input.phone ?? nextFreePhone(ctx, sequences, undefined)
  return createContact(ctx, {
    phone,
    first: input.first ?? 'Customer',
    last: input.last ?? String(sequences.contact),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.display_name !== undefined ? { display_name: input.display_name } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
    ...(input.is_opted_out !== undefined ? { is_opted_out: input.is_opted_out } : {}),
  } as never)
}

/** One message into an existing conversation, through the rules a customer's message or a team send follows. */
async function addMessage(
  ctx: MockContext,
  sequences: FactorySequences,
  conversation: ConversationRecord,
  inbox: InboxRecord,
  sender: UserRecord,
  spec: MessageSpec,
  action: string,
): Promise<MessageRecord> {
  const type = spec.type ?? 'outbound'
  const text = spec.text ?? (spec.media_url ? '' : nextText(ctx, sequences, type))
  if (type === 'inbound') {
    const outcome = await receiveInboundMessage(ctx, {
      conversation_id: conversation.id,
      ...(text ? { text } : {}),
      ...(spec.media_url ? { media_url: spec.media_url } : {}),
    })
    return outcome.message
  }
  const writer = spec.user === undefined ? sender : requireUser(ctx, spec.user, 'messages[].user', action)
  if (spec.user !== undefined) requireInboxMember(inbox, writer, 'messages[].user', action)
  return deliverOutbound(ctx, inbox, conversation, writer, {
    text,
    ...(spec.media_url ? { media: spec.media_url } : {}),
    ...(type === 'private' ? { private: true } : {}),
  })
}

/** The traits that come after the messages: read state, close, snooze, mute (assignment comes first). */
function finish(ctx: MockContext, sequences: FactorySequences, conversation: ConversationRecord, inbox: InboxRecord, sender: UserRecord, traits: Set<ConversationTrait>) {
  if (traits.size > 0) sequences.step()
  if (traits.has('read')) {
    for (const member of inbox.members) markConversationRead(ctx, { chat_id: conversation.id, user_id: member })
  }
  if (traits.has('closed')) closeConversation(ctx, { chat_id: conversation.id, user_id: sender.id })
  if (traits.has('snoozed')) {
    snoozeConversation(ctx, conversation.id, formatTimestamp(ctx.clock.nowMicros() + 24 * 3600 * 1_000_000))
  }
  if (traits.has('muted')) muteConversation(ctx, conversation.id, true)
}

function assign(ctx: MockContext, conversation: ConversationRecord, sender: UserRecord, assignedTo: number | undefined) {
  if (assignedTo !== undefined) reassignConversation(ctx, { inbox_id: conversation.inbox, chat_id: conversation.id, user_id: sender.id, reassign_id: assignedTo })
}

async function fillThread(
  ctx: MockContext,
  sequences: FactorySequences,
  conversation: ConversationRecord,
  inbox: InboxRecord,
  sender: UserRecord,
  plan: MessageSpec[],
  action: string,
): Promise<MessageRecord[]> {
  const messages: MessageRecord[] = []
  for (const spec of plan) {
    sequences.step()
    const current = ctx.store.tables.conversation.get(conversation.id)!
    messages.push(await addMessage(ctx, sequences, current, inbox, sender, spec, action))
  }
  return messages
}

function current(ctx: MockContext, conversation: ConversationRecord): ConversationRecord {
  return ctx.store.tables.conversation.get(conversation.id)!
}

/**
 * A 1:1 text conversation built through the rules: the contact is created as `POST /v1/contact` would, each
 * message arrives or is sent as the API does it, and the traits are applied by the lifecycle rules, so the
 * result agrees with itself exactly as seeded data does.
 */
export async function buildConversation(ctx: MockContext, sequences: FactorySequences, input: BuildConversationInput = {}): Promise<BuiltThread> {
  const action = `${BUILD} a conversation`
  const inbox = pickInbox(ctx, input.inbox, action)
  const plan = planMessages(input.messages, new Set(input.traits ?? []), false)
  const traits = checkTraits(input.traits ?? [], plan.length, action)
  if (traits.has('unread') && plan.at(-1)?.type !== 'inbound') {
    throw badData('messages', `Failed to ${action}: an unread conversation ends with the customer's message. Please make the last message "inbound".`)
  }
  const sender = pickSender(ctx, inbox, input, action)
  let contact: ContactRecord
  if (input.contact !== undefined) contact = requireContact(ctx, input.contact, action, 'contact')
  else {
    const known = input.phone !== undefined ? findContactByPhone(ctx, input.phone) : undefined
    contact = known ?? (await buildContact(ctx, sequences, { ...(input.phone ? { phone: input.phone } : {}), ...(input.first ? { first: input.first } : {}), ...(input.last ? { last: input.last } : {}) }))
  }
  const existing = findConversationByAddress(ctx, inbox.id, contact.phone)
  if (existing) {
    throw badData('phone', `Failed to ${action}: inbox ${inbox.id} already has conversation ${existing.id} with ${contact.phone}. Please use another number, or add messages with build.message({ conversation: ${existing.id} }).`)
  }
  const conversation = await findOrStartConversation(ctx, inbox, contact.phone, { channel: 'sms', creator: plan[0]?.type === 'inbound' ? 0 : sender.id })
  if (plan[0]?.type === 'inbound' && conversation.creator !== 0) ctx.store.tables.conversation.update(conversation, { creator: 0 })
  assign(ctx, current(ctx, conversation), sender, input.assignedTo)
  const messages = await fillThread(ctx, sequences, conversation, inbox, sender, plan, action)
  finish(ctx, sequences, current(ctx, conversation), inbox, sender, traits)
  return { conversation: current(ctx, conversation), messages, contacts: [contact] }
}

/** A group MMS thread: started by the team's message to every participant (as `POST /v1/message/send` with `targets`). */
export async function buildGroupConversation(ctx: MockContext, sequences: FactorySequences, input: BuildGroupInput = {}): Promise<BuiltThread> {
  const action = `${BUILD} a group conversation`
  const inbox = pickInbox(ctx, input.inbox, action)
  const plan = planMessages(input.messages ?? 2, new Set(input.traits ?? []), true)
  const traits = checkTraits(input.traits ?? [], plan.length, action)
  if (plan.length === 0 || plan[0]!.type === 'inbound') {
    throw badData('messages', `Failed to ${action}: a group MMS thread starts with the team's message to everyone. Please make the first message "outbound".`)
  }
  const sender = pickSender(ctx, inbox, input, action)
  const given = input.participants ?? 3
  let phones: string[]
  if (typeof given === 'number') {
    if (!Number.isInteger(given) || given < 2 || given > 10) throw badData('participants', `Failed to ${action}: a group has 2 to 10 participants, got ${given}.`)
    phones = []
    for (let i = 0; i < given; i++) phones.push((await buildContact(ctx, sequences)).phone)
  } else phones = [...given]
  const [first, ...rest] = plan
  const sent = await sendMessage(ctx, { inbox_id: inbox.id, creator_id: sender.id, targets: phones, text: first!.text ?? nextText(ctx, sequences, 'outbound') } as never)
  const conversation = ctx.store.tables.conversation.get(sent.convo_id)!
  const firstMessage = ctx.store.tables.message.get(sent.id)!
  assignAfterStart(ctx, conversation, sender, input.assignedTo, firstMessage)
  const messages = [firstMessage, ...(await fillThread(ctx, sequences, conversation, inbox, sender, rest, action))]
  finish(ctx, sequences, current(ctx, conversation), inbox, sender, traits)
  const contacts = phones.map((phone) => findContactByPhone(ctx, phone)).filter((contact): contact is ContactRecord => contact !== undefined)
  return { conversation: current(ctx, conversation), messages, contacts }
}

/**
 * A thread whose first message already exists: reassigning moves `updated`, so it is put back on the first
 * message's date, as if the assignment had come with it.
 */
function assignAfterStart(ctx: MockContext, conversation: ConversationRecord, sender: UserRecord, assignedTo: number | undefined, first: MessageRecord) {
  if (assignedTo === undefined) return
  assign(ctx, conversation, sender, assignedTo)
  ctx.store.tables.conversation.update(current(ctx, conversation), { updated: first.date })
}

/** An email thread: started by the team (as `POST /v1/email/send`), the customer's replies arriving in it. */
export async function buildEmailThread(ctx: MockContext, sequences: FactorySequences, input: BuildEmailThreadInput = {}): Promise<BuiltThread> {
  const action = `${BUILD} an email thread`
  const inbox = pickInbox(ctx, input.inbox, action)
  const plan = planMessages(input.messages ?? 2, new Set(input.traits ?? []), true)
  const traits = checkTraits(input.traits ?? [], plan.length, action)
  if (plan.length === 0 || plan[0]!.type === 'inbound') {
    throw badData('messages', `Failed to ${action}: an email thread starts with the team's email. Please make the first message "outbound".`)
  }
  const sender = pickSender(ctx, inbox, input, action)
  const email = (input.email ?? `customer${++sequences.email}@example.com`).toLowerCase()
  const [first, ...rest] = plan
  const sent = await sendEmail(ctx, {
    inbox: inbox.id,
    creator_id: sender.id,
    text: first!.text ?? nextText(ctx, sequences, 'outbound'),
    targets: [`to:${email}`],
    ...(input.subject ? { conv_title: input.subject } : {}),
  })
  const conversation = ctx.store.tables.conversation.get(sent.convo_id)!
  const firstMessage = ctx.store.tables.message.get(sent.id)!
  assignAfterStart(ctx, conversation, sender, input.assignedTo, firstMessage)
  const messages = [firstMessage, ...(await fillThread(ctx, sequences, conversation, inbox, sender, rest, action))]
  finish(ctx, sequences, current(ctx, conversation), inbox, sender, traits)
  return { conversation: current(ctx, conversation), messages, contacts: [] }
}

/** One more message in a conversation: the customer's (`inbound`) or the team's, through the same rules. */
export async function buildMessage(ctx: MockContext, sequences: FactorySequences, input: BuildMessageInput): Promise<{ conversation: ConversationRecord; message: MessageRecord }> {
  const action = `${BUILD} a message`
  const conversation = ctx.store.tables.conversation.get(input.conversation)
  if (!conversation) throw notFound('conversation', `Failed to ${action}: conversation ${input.conversation} does not exist. Please pass an existing id.`)
  const inbox = requireInbox(ctx, conversation.inbox, 'conversation', action)
  const sender = pickSender(ctx, inbox, { ...(input.user !== undefined ? { sender: input.user } : conversation.assigned ? { sender: conversation.assigned } : {}) }, action)
  const message = await addMessage(ctx, sequences, conversation, inbox, sender, { ...input, type: input.type ?? 'outbound' }, action)
  return { conversation: current(ctx, conversation), message }
}
