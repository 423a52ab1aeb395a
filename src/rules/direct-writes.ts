import { parseTimestamp, toUnixSeconds } from '../primitives/timestamps.js'
import type { MessageRecord } from '../store/records.js'
import { previewOf } from './append-message.js'
import type { MockContext } from './context.js'

/**
 * A message written straight into `mock.db.message` moves its conversation the way the API's own writes do:
 * - it takes the conversation's number, inbox phone and channel when it left them out;
 * - the newest message sets `updated` and, unless it is an internal note, `last_msg`;
 * - a customer message (`inbound`) moves `last_inbound` and, when newest, reopens the conversation, makes it
 *   unread for the inbox's members and ends a snooze (as `receiveInboundMessage`);
 * - a team message (`outbound`) sets `replied`; when newest it is read for its sender, who joins `members`.
 * An older message (history written after the fact) changes only `replied` and `last_inbound`.
 * No webhook event is sent: a direct write is the test's own doing, not something that happened in the API.
 */
export function applyDirectMessage(ctx: MockContext, message: MessageRecord): void {
  const { tables, indexes } = ctx.store
  const conversation = tables.conversation.get(message.conversation_id)
  if (!conversation) return
  const inbox = tables.inbox.get(conversation.inbox)
  const fill: Partial<MessageRecord> = {}
  if (!message.target) fill.target = conversation.target
  if (!message.phone && inbox) fill.phone = inbox.phone
  if (message.channel !== conversation.channel) fill.channel = conversation.channel
  if (Object.keys(fill).length > 0) tables.message.update(message, fill)

  const at = parseTimestamp(message.date) ?? 0
  const newestId = indexes.messagesByConversation
    .ids(conversation.id)
    .filter((id) => !tables.message.get(id)?.hidden)
    .at(-1)
  const newest = newestId === message.id
  const patch: Partial<typeof conversation> = { op: 'update' }
  if (message.type === 'inbound' && !message.hidden) {
    patch.last_inbound = Math.max(conversation.last_inbound, toUnixSeconds(at))
  }
  if (message.type === 'outbound') patch.replied = true
  if (newest && !message.hidden) {
    if ((parseTimestamp(conversation.updated) ?? 0) < at) patch.updated = message.date
    if (message.type !== 'private') patch.last_msg = previewOf(message)
    if (message.type === 'inbound') {
      patch.status = 'open'
      patch.unread_users = [...(inbox?.members ?? [])].sort((a, b) => a - b)
      patch.snooze_till = ''
    } else if (message.user) {
      const sender = tables.user.get(message.user)
      patch.unread_users = conversation.unread_users.filter((id) => id !== message.user)
      patch.read_by = { ...conversation.read_by, [String(message.user)]: toUnixSeconds(at) }
      if (sender && !conversation.members.some((member) => member.id === sender.id)) {
        patch.members = [...conversation.members, { id: sender.id, name: sender.name }]
      }
    }
  }
  tables.conversation.update(conversation, patch)
}
