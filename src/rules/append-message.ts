import type { MessageStatus, MessageType } from '../schema/message.js'
import { copyData } from '../store/copy-data.js'
import type { ConversationRecord, InboxRecord, MessageRecord } from '../store/records.js'
import type { MockContext } from './context.js'

export type NewMessage = {
  type: MessageType
  status: MessageStatus
  text: string
  media?: string
  user?: number
  author?: string
  local_id?: string
  broadcast_id?: number
  /** Kept out of sight (a blocked contact's message). */
  hidden?: boolean
  /** Extra data, such as the survey a message carries. */
  custom?: { type: string; data: number[] }
}

/** Stores a message in a conversation, dated now by the mock's clock. */
export async function appendMessage(
  ctx: MockContext,
  conversation: ConversationRecord,
  inbox: InboxRecord,
  message: NewMessage,
): Promise<MessageRecord> {
  const now = ctx.clock.timestamp()
  return ctx.store.tables.message.insert({
    conversation_id: conversation.id,
    text: message.text,
    media: message.media ?? '',
    phone: inbox.phone,
    target: conversation.target,
    type: message.type,
    status: message.status,
    date: now,
    updated: now,
    user: message.user ?? 0,
    author: message.author ?? '',
    local_id: message.local_id ?? '',
    broadcast_id: message.broadcast_id ?? 0,
    channel: conversation.channel,
    hidden: message.hidden ?? false,
    ...(message.custom ? { custom: message.custom } : {}),
    // Copied as the store keeps the map (keyed by phone numbers: see store/compact-record.ts).
    ...(conversation.targets ? { targets: copyData(conversation.targets) } : {}),
  })
}

/** What the conversation list shows as the latest message: its text, or a placeholder for media alone. */
export function previewOf(message: { text: string; media: string }): string {
  if (message.text) return message.text
  return message.media ? '[media]' : ''
}
