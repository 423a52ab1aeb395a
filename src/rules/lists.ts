import type { List } from '../schema/list.js'
import type { PaginationRequest } from '../schema/contact-requests.js'
import type { UpdateListV2Request } from '../schema/list.js'
import { keyedMapOf } from '../store/compact-record.js'
import type { ContactRecord, ListRecord } from '../store/records.js'
import { findContactByPhone } from './contact-lookup.js'
import { requireContact, teamOwner } from './contacts.js'
import type { MockContext } from './context.js'
import { notFound } from './errors.js'
import { pageOf } from './paging.js'

/** The wire list: members' numbers with their first and last names. */
export function viewList(ctx: MockContext, record: ListRecord): List {
  // Keyed by phone numbers: made as the store keeps such maps (see store/compact-record.ts).
  const targets: List['targets'] = keyedMapOf<List['targets'][string]>([])
  for (const id of record.contact_ids) {
    const contact = ctx.store.tables.contact.get(id)
    if (contact?.phone) targets[contact.phone] = { f: contact.first, l: contact.last }
  }
  return {
    id: record.id,
    name: record.name,
    local_id: record.local_id,
    targets,
    team_id: record.team_id,
    creator_id: record.creator_id,
    shared: record.shared,
    created: record.created,
    updated: record.updated,
    rev: record.rev,
    archived: record.archived,
  }
}

function requireList(ctx: MockContext, id: number, action: string): ListRecord {
  const list = ctx.store.tables.list.get(id)
  if (!list) throw notFound('id', `Failed to ${action}: list ${id} does not exist. Please use an id from POST /v1/lists.`)
  return list
}

/** The contact with a number, created (with the names given) when the address book does not have it. */
async function contactForPhone(ctx: MockContext, phone: string, names: { f?: string; l?: string } = {}): Promise<ContactRecord> {
  const existing = findContactByPhone(ctx, phone)
  if (existing) return existing
  const first = names.f ?? ''
  const last = names.l ?? ''
  return ctx.store.tables.contact.insert({
    phone,
    first,
    last,
    display_name: `${first} ${last}`.trim(),
    team_id: ctx.store.team()?.id ?? 0,
    creator_id: teamOwner(ctx)?.id ?? 0,
    created: ctx.clock.timestamp(),
    updated: ctx.clock.timestamp(),
  })
}

/** The contact with an email address, created when the address book does not have it. */
async function contactForEmail(ctx: MockContext, email: string): Promise<ContactRecord> {
  const address = email.toLowerCase()
  const id = ctx.store.indexes.contactByEmail.first(address)
  if (id !== undefined) return ctx.store.tables.contact.get(id)!
  return ctx.store.tables.contact.insert({
    email: address,
    phone: '',
    team_id: ctx.store.team()?.id ?? 0,
    creator_id: teamOwner(ctx)?.id ?? 0,
    created: ctx.clock.timestamp(),
    updated: ctx.clock.timestamp(),
  })
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)]
}

/** `POST /v1/list` (deprecated): a list from a `targets` map of numbers to names. */
export async function createListV1(ctx: MockContext, request: { title: string; local_id?: string; targets?: Record<string, { f?: string; l?: string }> }) {
  const members: number[] = []
  for (const [phone, names] of Object.entries(request.targets ?? {})) members.push((await contactForPhone(ctx, phone.replace(/^\+/, ''), names)).id)
  const now = ctx.clock.timestamp()
  const list = await ctx.store.tables.list.insert({
    name: request.title,
    local_id: request.local_id ?? '',
    contact_ids: unique(members),
    team_id: ctx.store.team()?.id ?? 0,
    creator_id: teamOwner(ctx)?.id ?? 0,
    created: now,
    updated: now,
  })
  return { id: list.id, rev: list.rev, uuid: list.uuid }
}

/** `GET /v1/list/{id}`. */
export function getList(ctx: MockContext, id: number): List {
  return viewList(ctx, requireList(ctx, id, 'get list'))
}

/** `PUT /v1/list/{id}` (deprecated): renames; `members` replaces the members; `add_phone`/`remove_phone` change one. */
export async function updateListV1(ctx: MockContext, id: number, request: { title: string; add_phone?: string; remove_phone?: string; members?: Record<string, { f?: string; l?: string }> }) {
  const list = requireList(ctx, id, 'update list')
  let members = [...list.contact_ids]
  if (request.members) {
    members = []
    for (const [phone, names] of Object.entries(request.members)) members.push((await contactForPhone(ctx, phone.replace(/^\+/, ''), names)).id)
  }
  if (request.add_phone) members.push((await contactForPhone(ctx, request.add_phone)).id)
  if (request.remove_phone) {
    const removed = findContactByPhone(ctx, request.remove_phone)
    if (removed) members = members.filter((member) => member !== removed.id)
  }
  const updated = ctx.store.tables.list.update(list, {
    name: request.title,
    contact_ids: unique(members),
    updated: ctx.clock.timestamp(),
    rev: list.rev + 1,
  })
  return { id: updated.id, rev: updated.rev }
}

/** `DELETE /v1/list/{id}` and `DELETE /v2/lists/{id}`: the list goes; its contacts stay. */
export function deleteList(ctx: MockContext, id: number): void {
  ctx.store.tables.list.delete(requireList(ctx, id, 'delete list'))
}

/** `POST /v1/lists`: lists by `updated`, newest first, with the date cursor. */
export function listLists(ctx: MockContext, request: PaginationRequest): List[] {
  return pageOf(ctx.store.indexes.listsByUpdated.list, request).map((id) => viewList(ctx, ctx.store.tables.list.get(id)!))
}

/**
 * `POST /v2/lists`: members from contact ids, numbers and email addresses (unknown numbers and addresses become
 * new contacts). `local_id` makes it idempotent: a second create with the same `local_id` answers the first list.
 */
export async function createListV2(
  ctx: MockContext,
  request: { title: string; local_id: string; contacts?: number[]; phones?: string[]; emails?: string[] },
) {
  const action = 'create list'
  const earlier = ctx.store.indexes.listByLocalId.first(request.local_id)
  if (earlier !== undefined) {
    const list = ctx.store.tables.list.get(earlier)!
    return { id: list.id, rev: list.rev, uuid: list.uuid }
  }
  request.contacts?.forEach((id, i) => requireContact(ctx, id, action, `contacts[${i}]`))
  const members = [...(request.contacts ?? [])]
  for (const phone of request.phones ?? []) members.push((await contactForPhone(ctx, phone)).id)
  for (const email of request.emails ?? []) members.push((await contactForEmail(ctx, email)).id)
  const now = ctx.clock.timestamp()
  const list = await ctx.store.tables.list.insert({
    name: request.title,
    local_id: request.local_id,
    contact_ids: unique(members),
    team_id: ctx.store.team()?.id ?? 0,
    creator_id: teamOwner(ctx)?.id ?? 0,
    created: now,
    updated: now,
  })
  return { id: list.id, rev: list.rev, uuid: list.uuid }
}

/** `PUT /v2/lists/{id}`: `contacts` replaces the members, then the add/remove fields apply in order. */
export async function updateListV2(ctx: MockContext, id: number, request: UpdateListV2Request) {
  const action = 'update list'
  const list = requireList(ctx, id, action)
  for (const key of ['contacts', 'add_contacts', 'remove_contacts'] as const) {
    request[key]?.forEach((contactId, i) => requireContact(ctx, contactId, action, `${key}[${i}]`))
  }
  let members = request.contacts ? [...request.contacts] : [...list.contact_ids]
  members.push(...(request.add_contacts ?? []))
  for (const phone of request.add_phones ?? []) members.push((await contactForPhone(ctx, phone)).id)
  for (const email of request.add_emails ?? []) members.push((await contactForEmail(ctx, email)).id)
  const removed = new Set(request.remove_contacts ?? [])
  for (const phone of request.remove_phones ?? []) {
    const contact = findContactByPhone(ctx, phone)
    if (contact) removed.add(contact.id)
  }
  for (const email of request.remove_emails ?? []) {
    const contactId = ctx.store.indexes.contactByEmail.first(email.toLowerCase())
    if (contactId !== undefined) removed.add(contactId)
  }
  members = unique(members).filter((member) => !removed.has(member))
  const updated = ctx.store.tables.list.update(list, {
    ...(request.title !== undefined ? { name: request.title } : {}),
    contact_ids: members,
    updated: ctx.clock.timestamp(),
    rev: list.rev + 1,
  })
  return { id: updated.id, rev: updated.rev }
}
