import type { Inbox } from '../schema/inbox.js'
import { ROLE_IDS, type Member, type MemberRole, type Membership, type Team, type UpdateUsersRequest } from '../schema/team.js'
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

/** A team user as the users endpoints answer it: the member id as `id`, the role as its number. */
export function viewMembership(ctx: MockContext, user: UserRecord): Membership {
  return {
    id: user.id,
    phone: user.phone,
    name: user.name,
    email: user.email,
    role_id: ROLE_IDS[user.role],
    team_id: ctx.store.team()?.id ?? 0,
    created_at: user.created_at,
    updated_at: user.updated_at,
    user_created_at: user.created_at,
    user_updated_at: user.updated_at,
  }
}

/**
 * `GET /v1/users/get` (docs: /api-reference/users): the team users with these phone numbers or email addresses
 * (either matches), by id; `{memberships: []}` when none does.
 */
export function findUsers(ctx: MockContext, query: { phone?: string[]; email?: string[] }): { memberships: Membership[] } {
  const phones = new Set((query.phone ?? []).map((phone) => phone.replace(/\D/g, '')))
  const emails = new Set((query.email ?? []).map((email) => email.toLowerCase()))
  return {
    memberships: members(ctx)
      .filter((user) => (user.phone && phones.has(user.phone)) || emails.has(user.email.toLowerCase()))
      .map((user) => viewMembership(ctx, user)),
  }
}

const ROLE_OF_ID = Object.fromEntries(Object.entries(ROLE_IDS).map(([role, id]) => [id, role])) as Record<number, MemberRole>

/**
 * `POST /v1/users/update` (docs: /api-reference/users-update): changes users' first or last names (the other
 * part of the name stays) and roles; answers their memberships, in the order asked. All or nothing: an
 * unknown id (404) or leaving the team without an owner (400) changes nobody.
 */
export function updateUsers(ctx: MockContext, request: UpdateUsersRequest): { memberships: Membership[] } {
  const action = 'update users'
  const plans = request.users.map((entry, i) => {
    const user = requireUser(ctx, entry.id, `users[${i}].id`, action)
    const [currentFirst = '', ...rest] = user.name.split(' ')
    const first = entry.first_name ?? currentFirst
    const last = entry.last_name ?? rest.join(' ')
    return { user, name: `${first} ${last}`.trim(), role: entry.role_id === undefined ? user.role : ROLE_OF_ID[entry.role_id]! }
  })
  const roles = new Map(members(ctx).map((user) => [user.id, user.role]))
  for (const plan of plans) roles.set(plan.user.id, plan.role)
  if (![...roles.values()].includes('owner')) {
    const i = plans.findIndex((plan) => plan.user.role === 'owner' && plan.role !== 'owner')
    throw badData(`users[${i}].role_id`, `Failed to ${action}: ${plans[i]!.user.name} is the team's only owner. Please make someone else owner (role_id 2) first.`)
  }
  const now = ctx.clock.timestamp()
  return {
    memberships: plans.map((plan) => {
      const changed = plan.name !== plan.user.name || plan.role !== plan.user.role
      const updated = changed ? ctx.store.tables.user.update(plan.user, { name: plan.name, role: plan.role, updated_at: now }) : plan.user
      return viewMembership(ctx, updated)
    }),
  }
}
