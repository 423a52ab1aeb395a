import type { InboxRecord, UserRecord } from '../store/records.js'
import type { MockContext } from './context.js'
import { denied, notFound } from './errors.js'

/** The user id that stands for the team's API credentials rather than a person (`{"id": 0}` in list bodies). */
export const CREDENTIALS_USER = 0

export function requireUser(ctx: MockContext, userId: number, field: string, action: string): UserRecord {
  const user = ctx.store.tables.user.get(userId)
  if (!user) {
    throw notFound(field, `Failed to ${action}: user ${userId} does not exist in this team. Please use a member id from GET /v1/team.`)
  }
  return user
}

export function requireInbox(ctx: MockContext, inboxId: number, field: string, action: string): InboxRecord {
  const inbox = ctx.store.tables.inbox.get(inboxId)
  if (!inbox) {
    throw notFound(field, `Failed to ${action}: inbox ${inboxId} does not exist. Please use an inbox id from GET /v1/inboxes.`)
  }
  return inbox
}

export function isInboxMember(inbox: InboxRecord, userId: number): boolean {
  return inbox.members.includes(userId)
}

/** Refuses (403 Denied, as the API does) a user who is not a member of the inbox. */
export function requireInboxMember(inbox: InboxRecord, user: UserRecord, field: string, action: string): void {
  if (!isInboxMember(inbox, user.id)) {
    throw denied(
      field,
      `Failed to ${action}: user ${user.id} (${user.name}) is not a member of inbox ${inbox.id} (${inbox.name}). Please act as one of its members: ${inbox.members.join(', ') || 'none'}.`,
    )
  }
}

/** The inboxes a user belongs to, in id order. */
export function inboxesOfUser(ctx: MockContext, userId: number): InboxRecord[] {
  return ctx.store.tables.inbox
    .values()
    .filter((inbox) => isInboxMember(inbox, userId))
    .sort((a, b) => a.id - b.id)
}

/** Every inbox of the team, in id order. */
export function allInboxes(ctx: MockContext): InboxRecord[] {
  return ctx.store.tables.inbox.values().sort((a, b) => a.id - b.id)
}
