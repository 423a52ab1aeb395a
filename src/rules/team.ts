import type { Inbox } from '../schema/inbox.js'
import type { Member, Team } from '../schema/team.js'
import type { InboxRecord, UserRecord } from '../store/records.js'
import { allInboxes, requireUser } from './access.js'
import type { MockContext } from './context.js'
import { badData } from './errors.js'

export function viewMember(record: UserRecord): Member {
  return { id: record.id, name: record.name, role: record.role, email: record.email }
}

export function viewInbox(record: InboxRecord): Inbox {
  const { widget_settings, ...rest } = record
  return {
    id: rest.id,
    name: rest.name,
    team: rest.team,
    members: [...rest.members],
    phones: [...rest.phones],
    phone: rest.phone,
    auto_assignable: rest.auto_assignable,
    forward_number: rest.forward_number,
    widget_code: rest.widget_code,
    widget_settings: { ...widget_settings },
    allowed_domains: [...rest.allowed_domains],
    invited: rest.invited,
    bco_chats: rest.bco_chats,
    op: rest.op,
    rev: rest.rev,
  }
}

function members(ctx: MockContext): UserRecord[] {
  return ctx.store.tables.user.values().sort((a, b) => a.id - b.id)
}

/** `GET /v1/inboxes`: every inbox of the team, by id. `members` are the user ids other endpoints accept. */
export function listInboxes(ctx: MockContext): Inbox[] {
  return allInboxes(ctx).map(viewInbox)
}

/** `GET /v1/team`: the team with its members. */
export function getTeam(ctx: MockContext): Team {
  const team = ctx.store.team()
  return { id: team?.id ?? 0, name: team?.name ?? '', list_size: team?.list_size ?? 0, members: members(ctx).map(viewMember) }
}

/** `GET /v1/users`: the team's members. */
export function listUsers(ctx: MockContext): Member[] {
  return members(ctx).map(viewMember)
}

/**
 * `GET /v1/users/get`: memberships of the members with these phone numbers or email addresses (either matches),
 * each with the inboxes they belong to.
 */
export function findUsers(ctx: MockContext, query: { phone?: string[]; email?: string[] }) {
  const phones = new Set((query.phone ?? []).map((phone) => phone.replace(/\D/g, '')))
  const emails = new Set((query.email ?? []).map((email) => email.toLowerCase()))
  const teamId = ctx.store.team()?.id ?? 0
  const inboxes = allInboxes(ctx)
  return {
    memberships: members(ctx)
      .filter((user) => (user.phone && phones.has(user.phone)) || emails.has(user.email.toLowerCase()))
      .map((user) => ({
        user_id: user.id,
        team_id: teamId,
        name: user.name,
        email: user.email,
        phone: user.phone,
        role: user.role,
        inboxes: inboxes.filter((inbox) => inbox.members.includes(user.id)).map((inbox) => inbox.id),
      })),
  }
}

/** `POST /v1/users/update`: changes a member's name, email or role; the team keeps at least one owner. */
export function updateUser(ctx: MockContext, request: { id: number; name?: string; email?: string; role?: Member['role'] }): Member {
  const action = 'update user'
  const user = requireUser(ctx, request.id, 'id', action)
  if (user.role === 'owner' && request.role !== undefined && request.role !== 'owner' && !members(ctx).some((other) => other.id !== user.id && other.role === 'owner')) {
    throw badData('role', `Failed to ${action}: ${user.name} is the team's only owner. Please make someone else owner first.`)
  }
  if (request.email !== undefined) {
    const other = members(ctx).find((member) => member.id !== user.id && member.email.toLowerCase() === request.email!.toLowerCase())
    if (other) throw badData('email', `Failed to ${action}: ${request.email} already belongs to member ${other.id}. Please use another address.`)
  }
  const updated = ctx.store.tables.user.update(user, {
    ...(request.name !== undefined ? { name: request.name } : {}),
    ...(request.email !== undefined ? { email: request.email } : {}),
    ...(request.role !== undefined ? { role: request.role } : {}),
  })
  return viewMember(updated)
}
