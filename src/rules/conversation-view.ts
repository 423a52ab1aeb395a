import type { Conversation } from '../schema/conversation.js'
import type { ConversationRecord } from '../store/records.js'
import { copyData } from '../store/copy-data.js'
import { CREDENTIALS_USER } from './access.js'

/**
 * The wire conversation as one user sees it. `read` is when that user last read it (Unix seconds, 0 = never)
 * and `unread` whether it is unread for them. Without a user (a GET, or the team's credentials) `read` is the
 * latest read by anyone and `unread` says whether anyone has it unread.
 */
export function viewConversation(record: ConversationRecord, viewer?: number): Conversation {
  const personal = viewer !== undefined && viewer !== CREDENTIALS_USER
  const read = personal ? (record.read_by[String(viewer)] ?? 0) : Math.max(0, ...Object.values(record.read_by))
  const unread = personal ? record.unread_users.includes(viewer) : record.unread_users.length > 0
  const view: Conversation = {
    id: record.id,
    channel: record.channel,
    status: record.status,
    assigned: record.assigned,
    inbox: record.inbox,
    target: record.target,
    members: record.members.map((member) => ({ id: member.id, name: member.name })),
    created: record.created,
    updated: record.updated,
    read,
    replied: record.replied,
    blocked: record.blocked,
    muted: record.muted,
    snooze_till: record.snooze_till,
    creator: record.creator,
    email_noti: record.email_noti,
    last_inbound: record.last_inbound,
    local_id: record.local_id,
    name: record.name,
    noreply: record.noreply,
    op: record.op,
    super: record.super,
    support: record.support,
    type: record.type,
    unread,
    unread_users: [...record.unread_users],
    last_msg: record.last_msg,
  }
  // Copied as the store keeps the map (keyed by phone numbers: see store/compact-record.ts).
  if (record.targets) view.targets = copyData(record.targets)
  return view
}
