import { conversationAddressKey } from '../store/create-store.js'
import type { ConversationRecord, InboxRecord } from '../store/records.js'
import { requireInbox } from './access.js'
import type { MockContext } from './context.js'
import { badData, notFound } from './errors.js'

/** How requests name a conversation: by id, or by inbox plus the customer's number(s). */
export type ConversationAddress = {
  chat_id?: number
  inbox_id?: number
  target?: string
  targets?: string[]
}

/**
 * The key a group-MMS conversation is stored under: its participants' numbers, sorted and comma-joined,
 * so that the same group is found whatever order a request lists them in.
 */
export function groupTarget(phones: readonly string[]): string {
  return [...new Set(phones)].sort().join(',')
}

/** A customer address as stored: phone digits without `+`, email addresses in lower case. */
export function normalizeTarget(target: string): string {
  const trimmed = target.trim()
  if (/^\+?\d+$/.test(trimmed)) return trimmed.replace(/^\+/, '')
  return trimmed.toLowerCase()
}

export function findConversationByAddress(ctx: MockContext, inboxId: number, target: string): ConversationRecord | undefined {
  const id = ctx.store.indexes.conversationByAddress.first(conversationAddressKey(inboxId, target))
  return id === undefined ? undefined : ctx.store.tables.conversation.get(id)
}

/**
 * Finds the conversation a state-change request names, or throws 404 naming the field that did not match.
 * @note With `chat_id`, `inbox_id` may be left out; when both are given they must agree (a careful reading of
 * the docs, which list `inbox_id` as required but `chat_id` as enough to say which conversation).
 */
export function resolveConversation(
  ctx: MockContext,
  address: ConversationAddress,
  action: string,
): { conversation: ConversationRecord; inbox: InboxRecord } {
  if (address.chat_id !== undefined) {
    const conversation = ctx.store.tables.conversation.get(address.chat_id)
    if (!conversation) {
      throw notFound('chat_id', `Failed to ${action}: conversation ${address.chat_id} does not exist. Please use an id from POST /v1/conversations.`)
    }
    if (address.inbox_id !== undefined && address.inbox_id !== conversation.inbox) {
      requireInbox(ctx, address.inbox_id, 'inbox_id', action)
      throw notFound(
        'chat_id',
        `Failed to ${action}: conversation ${address.chat_id} is not in inbox ${address.inbox_id}. Please leave inbox_id out or pass the conversation's own inbox.`,
      )
    }
    const inbox = requireInbox(ctx, conversation.inbox, 'chat_id', action)
    return { conversation, inbox }
  }
  if (address.inbox_id === undefined) {
    throw badData('inbox_id', `Failed to ${action}: "inbox_id" is required when "chat_id" is not given. Please pass chat_id, or inbox_id with target.`)
  }
  const inbox = requireInbox(ctx, address.inbox_id, 'inbox_id', action)
  const field = address.targets !== undefined ? 'targets' : 'target'
  const target = address.targets !== undefined ? groupTarget(address.targets) : normalizeTarget(address.target ?? '')
  if (!target) throw badData(field, `Failed to ${action}: "${field}" is empty. Please pass the customer's phone number.`)
  const conversation = findConversationByAddress(ctx, inbox.id, target)
  if (!conversation) {
    throw notFound(
      field,
      `Failed to ${action}: inbox ${inbox.id} has no conversation with ${target}. Please check the number, or send a message first to start one.`,
    )
  }
  return { conversation, inbox }
}
