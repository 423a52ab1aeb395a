import type { Scheduled } from '../schema/scheduled.js'
import type { ScheduleRequest } from '../schema/schedule-requests.js'
import type { ScheduledRecord } from '../store/records.js'
import { formatTimestamp, parseTimestamp } from '../primitives/timestamps.js'
import { requireInbox, requireInboxMember, requireUser } from './access.js'
import type { MockContext } from './context.js'
import { ApiError, badData, notFound } from './errors.js'
import { resolveSender, sendMessage } from './send-message.js'

const QUARTER_HOUR = 15 * 60 * 1_000_000

/** The wire shape of a scheduled message. */
export function viewScheduled(record: ScheduledRecord): Scheduled {
  return {
    id: record.id,
    execute: record.execute,
    inbox_id: record.inbox_id,
    local_id: record.local_id,
    // The recipient's number is also the content's `to` (docs: /api-reference/schedule-get).
    meta: record.target.phone_number ? { ...structuredClone(record.meta), content: { ...structuredClone(record.meta.content), to: record.target.phone_number } } : structuredClone(record.meta),
    op: record.op,
    rev: record.rev,
    created: record.created,
    updated: record.updated,
  }
}

function requireScheduled(ctx: MockContext, id: number, action: string): ScheduledRecord {
  const record = ctx.store.tables.scheduled.get(id)
  if (!record) throw notFound('id', `Failed to ${action}: scheduled message ${id} does not exist (it may have been sent already). Please use an id POST /v1/schedule returned.`)
  return record
}

/**
 * Checks a schedule request against the rules the API documents and turns it into record fields:
 * `execute_at` at least 15 minutes ahead of the mock clock and on a quarter hour (:00, :15, :30, :45, no
 * seconds); the sender a member of the inbox; the recipient existing.
 */
function checkedFields(ctx: MockContext, request: ScheduleRequest, action: string) {
  const inbox = requireInbox(ctx, request.inbox_id, 'inbox_id', action)
  const sender =
    request.user_id !== undefined ? requireUser(ctx, request.user_id, 'user_id', action) : resolveSender(ctx, inbox, {}, action)
  requireInboxMember(inbox, sender, 'user_id', action)
  const execute = parseTimestamp(request.execute_at)!
  if (execute % QUARTER_HOUR !== 0) {
    throw badData('execute_at', `Failed to ${action}: "execute_at" must fall on a quarter hour (:00, :15, :30 or :45, no seconds), got ${request.execute_at}. Please round it.`)
  }
  const earliest = ctx.clock.nowMicros() + QUARTER_HOUR
  if (execute < earliest) {
    throw badData('execute_at', `Failed to ${action}: "execute_at" must be at least 15 minutes from now (${formatTimestamp(earliest)} or later), got ${request.execute_at}. Please pick a later time.`)
  }
  if (request.conversation_id !== undefined) {
    const conversation = ctx.store.tables.conversation.get(request.conversation_id)
    if (!conversation || conversation.inbox !== inbox.id) {
      throw notFound('conversation_id', `Failed to ${action}: inbox ${inbox.id} has no conversation ${request.conversation_id}. Please use an id from POST /v1/conversations.`)
    }
  }
  if (request.list_id !== undefined && !ctx.store.tables.list.get(request.list_id)) {
    throw notFound('list_id', `Failed to ${action}: list ${request.list_id} does not exist. Please use an id from POST /v1/lists.`)
  }
  if (request.content.template !== undefined && !ctx.store.tables.template.get(request.content.template)) {
    throw notFound('content.template', `Failed to ${action}: template ${request.content.template} does not exist. Please use an id from POST /v1/templates.`)
  }
  const targets = request.targets?.map((target) => (typeof target === 'string' ? target : target.phone))
  return {
    execute: formatTimestamp(execute),
    inbox_id: inbox.id,
    local_id: request.local_id ?? '',
    // In the schema's key order: an update stores this object as it is, a load re-parses it, and an exported
    // dataset must read back byte-identical.
    meta: {
      ...(request.phone_number !== undefined ? { campaign_target_phone: request.phone_number } : {}),
      content: request.content,
      ...(request.conversation_id !== undefined ? { conversation_id: request.conversation_id } : {}),
      ...(request.list_id !== undefined ? { list_id: request.list_id } : {}),
    },
    user_id: sender.id,
    target: {
      ...(request.phone_number !== undefined ? { phone_number: request.phone_number } : {}),
      ...(request.conversation_id !== undefined ? { conversation_id: request.conversation_id } : {}),
      ...(request.list_id !== undefined ? { list_id: request.list_id } : {}),
      ...(targets ? { targets } : {}),
    },
  }
}

/** `POST /v1/schedule`. Answers the whole scheduled message. */
export async function createScheduled(ctx: MockContext, request: ScheduleRequest): Promise<Scheduled> {
  const fields = checkedFields(ctx, request, 'schedule message')
  const now = ctx.clock.timestamp()
  const record = await ctx.store.tables.scheduled.insert({ ...fields, op: 'create', rev: 1, created: now, updated: now })
  return viewScheduled(record)
}

/** `GET /v1/schedule/{id}`. */
export function getScheduled(ctx: MockContext, id: number): Scheduled {
  return viewScheduled(requireScheduled(ctx, id, 'get scheduled message'))
}

/** `PUT /v1/schedule/{id}`: the same body as create, replacing what was scheduled; `rev` goes up. */
export function updateScheduled(ctx: MockContext, id: number, request: ScheduleRequest): Scheduled {
  const action = 'update scheduled message'
  const record = requireScheduled(ctx, id, action)
  const fields = checkedFields(ctx, request, action)
  const updated = ctx.store.tables.scheduled.update(record, { ...fields, op: 'update', rev: record.rev + 1, updated: ctx.clock.timestamp() })
  return viewScheduled(updated)
}

/** `DELETE /v1/schedule/{id}`: cancels it. */
export function deleteScheduled(ctx: MockContext, id: number): void {
  ctx.store.tables.scheduled.delete(requireScheduled(ctx, id, 'cancel scheduled message'))
}

/**
 * Sends every scheduled message whose time the mock clock has passed, oldest first, then removes it from the
 * schedule. Each is sent as `POST /v1/message/send` would send it, dated when the mock notices it is due.
 * @note A send the API would refuse at that moment (the customer opted out since, the list was deleted) is
 * dropped from the schedule and reported with `console.warn`; it does not stop the others.
 */
export async function deliverDueScheduled(ctx: MockContext): Promise<number> {
  const now = ctx.clock.nowMicros()
  const list = ctx.store.indexes.scheduledByExecute.list
  const due: number[] = []
  for (const key of list.ascending()) {
    if (key.updated > now) break
    due.push(key.id)
  }
  let delivered = 0
  for (const id of due) {
    const record = ctx.store.tables.scheduled.get(id)
    if (!record) continue
    const content = record.meta.content
    const media = content.gallery?.[0]?.url ?? content.attachments?.[0]?.url
    try {
      await sendMessage(ctx, {
        inbox_id: record.inbox_id,
        creator_id: record.user_id,
        ...(record.target.phone_number ? { phone_number: record.target.phone_number } : {}),
        ...(record.target.conversation_id !== undefined ? { chat_id: record.target.conversation_id } : {}),
        ...(record.target.list_id !== undefined ? { list_id: record.target.list_id } : {}),
        ...(record.target.targets ? { targets: record.target.targets } : {}),
        ...(content.text ? { text: content.text } : {}),
        ...(content.template !== undefined ? { template_id: content.template } : {}),
        ...(media ? { media_url: media } : {}),
        local_id: record.local_id || `scheduled-${record.id}`,
      })
      delivered++
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      console.warn(`[heymarket-mock] Scheduled message ${record.id} was due but could not be sent, and was dropped: ${error.message}`)
    }
    ctx.store.tables.scheduled.delete(record)
  }
  return delivered
}
