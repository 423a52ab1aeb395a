import type { Message } from '../schema/message.js'
import type { ConversationRecord, MessageRecord } from '../store/records.js'
import { copyData } from '../store/copy-data.js'
import { viewConversation } from './conversation-view.js'

/** The wire message, with its conversation embedded as the given user sees it. */
export function viewMessage(record: MessageRecord, conversation: ConversationRecord, viewer?: number): Message {
  const view: Message = {
    id: record.id,
    text: record.text,
    media: record.media,
    phone: record.phone,
    target: record.target,
    type: record.type,
    status: record.status,
    date: record.date,
    updated: record.updated,
    user: record.user,
    author: record.author,
    conversation: viewConversation(conversation, viewer),
    broadcast_id: record.broadcast_id,
    flagged: record.flagged,
    link_url: record.link_url,
    local_id: record.local_id,
    custom: { type: record.custom.type, data: [...record.custom.data] },
    super: record.super,
    support: record.support,
    channel: record.channel,
    hidden: record.hidden,
  }
  // Copied as the store keeps the map (keyed by phone numbers: see store/compact-record.ts).
  if (record.targets) view.targets = copyData(record.targets)
  return view
}
