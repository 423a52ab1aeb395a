import type { Contact } from '../schema/contact.js'
import type { ContactRequest, PaginationRequest } from '../schema/contact-requests.js'
import type { ContactRecord, UserRecord } from '../store/records.js'
import { allInboxes, requireUser } from './access.js'
import { findContactByPhone } from './contact-lookup.js'
import type { MockContext } from './context.js'
import { ApiError, badData, notFound } from './errors.js'
import { countOf, pageOf, searchFor } from './paging.js'
import { findConversationByAddress } from './resolve-conversation.js'

/** What a create or update may set: the v1 contact body, with `phone` optional (v2 contacts may have none). */
export type ContactFields = Omit<ContactRequest, 'phone'> & { phone?: string }

/** The wire contact (without the mock's hidden fields). */
export function viewContact(record: ContactRecord): Contact {
  return {
    id: record.id,
    display_name: record.display_name,
    first: record.first,
    last: record.last,
    email: record.email,
    phone: record.phone,
    custom: { ...record.custom },
    team_id: record.team_id,
    creator_id: record.creator_id,
    shared: record.shared,
    created: record.created,
    updated: record.updated,
    rev: record.rev,
    op: record.op,
    assigned_user_id: record.assigned_user_id,
    tags: record.tags.map((tag) => ({ tag_id: tag.tag_id })),
    is_opted_out: record.is_opted_out,
    avatar: record.avatar,
  }
}

export function requireContact(ctx: MockContext, id: number, action: string, field = 'id'): ContactRecord {
  const contact = ctx.store.tables.contact.get(id)
  if (!contact) throw notFound(field, `Failed to ${action}: contact ${id} does not exist. Please use an id from POST /v1/contacts.`)
  return contact
}

export function teamOwner(ctx: MockContext): UserRecord | undefined {
  const users = ctx.store.tables.user.values().sort((a, b) => a.id - b.id)
  return users.find((user) => user.role === 'owner') ?? users[0]
}

/**
 * Keeps the conversations with a contact's number in step with the contact: their `name` is the contact's
 * display name and `blocked` mirrors the contact's block (as the API documents for `blocked`).
 */
export function syncConversationsOfContact(ctx: MockContext, contact: ContactRecord): void {
  if (!contact.phone) return
  for (const inbox of allInboxes(ctx)) {
    const conversation = findConversationByAddress(ctx, inbox.id, contact.phone)
    if (conversation) ctx.store.tables.conversation.update(conversation, { name: contact.display_name, blocked: contact.blocked })
  }
}

/** Custom values keyed by known field ids only; unknown keys are dropped, as the API does. */
export function knownCustom(ctx: MockContext, custom: Record<string, string> | undefined): Record<string, string> {
  const known = new Set(ctx.store.tables.contactField.values().map((field) => String(field.id)))
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(custom ?? {})) if (known.has(key)) result[key] = value
  return result
}

export function checkReferences(ctx: MockContext, request: Pick<ContactRequest, 'assignee_id' | 'tags'>, action: string): number | undefined {
  request.tags?.forEach((tag, i) => {
    if (!ctx.store.tables.tag.get(tag.tag_id)) {
      throw notFound(`tags[${i}].tag_id`, `Failed to ${action}: tag ${tag.tag_id} does not exist. Please use an id from POST /v1/tags.`)
    }
  })
  if (request.assignee_id === undefined) return undefined
  if (request.assignee_id <= 0) return 0
  return requireUser(ctx, request.assignee_id, 'assignee_id', action).id
}

export function refuseTakenPhone(ctx: MockContext, phone: string, except: number | undefined, action: string): void {
  const other = findContactByPhone(ctx, phone)
  if (other && other.id !== except) {
    throw badData('phone', `Failed to ${action}: contact ${other.id} (${other.display_name}) already has the number ${phone}. Please update that contact instead (PUT /v1/contact/${other.id}).`)
  }
}

/**
 * `POST /v1/contact`. `display_name` defaults to first + last; a number that already belongs to a contact is
 * refused (400 naming `phone`); custom values for unknown field ids are dropped.
 */
export async function createContact(ctx: MockContext, request: ContactFields, action = 'create contact'): Promise<ContactRecord> {
  if (request.phone) refuseTakenPhone(ctx, request.phone, undefined, action)
  const assignee = checkReferences(ctx, request, action)
  const now = ctx.clock.timestamp()
  const first = request.first ?? ''
  const last = request.last ?? ''
  const contact = await ctx.store.tables.contact.insert({
    display_name: request.display_name ?? `${first} ${last}`.trim(),
    first,
    last,
    email: request.email ?? '',
    phone: request.phone ?? '',
    custom: knownCustom(ctx, request.custom),
    team_id: ctx.store.team()?.id ?? 0,
    creator_id: teamOwner(ctx)?.id ?? 0,
    created: now,
    updated: now,
    assigned_user_id: assignee ?? 0,
    tags: request.tags ?? [],
    is_opted_out: request.is_opted_out ?? false,
    opted_out_by: request.is_opted_out ? 'admin' : '',
    avatar: request.avatar ?? '',
  })
  syncConversationsOfContact(ctx, contact)
  return contact
}

/**
 * `PUT /v1/contact/{id}?overwrite=`: `phone` is required; names and email given are overwritten (left out,
 * they stay); `custom` replaces the contact's custom values with `overwrite=true` and merges into them
 * otherwise. `rev` goes up.
 */
export function updateContact(ctx: MockContext, id: number, request: ContactFields, overwrite: boolean, action = 'update contact'): ContactRecord {
  const contact = requireContact(ctx, id, action)
  if (request.phone !== undefined) refuseTakenPhone(ctx, request.phone, contact.id, action)
  const assignee = checkReferences(ctx, request, action)
  const first = request.first ?? contact.first
  const last = request.last ?? contact.last
  const custom = overwrite ? knownCustom(ctx, request.custom) : { ...contact.custom, ...knownCustom(ctx, request.custom) }
  const optedOut = request.is_opted_out ?? contact.is_opted_out
  const updated = ctx.store.tables.contact.update(contact, {
    phone: request.phone ?? contact.phone,
    first,
    last,
    display_name: request.display_name ?? (request.first !== undefined || request.last !== undefined ? `${first} ${last}`.trim() : contact.display_name),
    email: request.email ?? contact.email,
    custom,
    ...(request.avatar !== undefined ? { avatar: request.avatar } : {}),
    ...(assignee !== undefined ? { assigned_user_id: assignee } : {}),
    ...(request.tags !== undefined ? { tags: request.tags } : {}),
    is_opted_out: optedOut,
    opted_out_by: optedOut ? (contact.is_opted_out ? contact.opted_out_by : 'admin') : '',
    updated: ctx.clock.timestamp(),
    rev: contact.rev + 1,
    op: 'update',
  })
  syncConversationsOfContact(ctx, updated)
  return updated
}

/** `DELETE /v1/contact/{id}`: the contact leaves the address book and its lists; its conversations stay. */
export function deleteContact(ctx: MockContext, id: number): void {
  const contact = requireContact(ctx, id, 'delete contact')
  for (const list of ctx.store.tables.list.values()) {
    if (list.contact_ids.includes(contact.id)) {
      ctx.store.tables.list.update(list, { contact_ids: list.contact_ids.filter((member) => member !== contact.id) })
    }
  }
  ctx.store.tables.contact.delete(contact)
}

function contactSearch(ctx: MockContext, request: PaginationRequest) {
  return searchFor(request.filter, (id) => ctx.store.tables.contact.get(id), (contact) => [contact.display_name, contact.first, contact.last, contact.phone, contact.email])
}

/** `POST /v1/contacts`: contacts by `updated`, newest first, with the date cursor; `filter` searches. */
export function listContacts(ctx: MockContext, request: PaginationRequest): Contact[] {
  return pageOf(ctx.store.indexes.contactsByUpdated.list, request, contactSearch(ctx, request)).map((id) => viewContact(ctx.store.tables.contact.get(id)!))
}

/** `POST /v1/contacts/count`. */
export function countContacts(ctx: MockContext, request: PaginationRequest): number {
  return countOf(ctx.store.indexes.contactsByUpdated.list, request, contactSearch(ctx, request))
}

/** `POST /v1/contact/get`: by `phone` (which wins) or `id`. */
export function findContact(ctx: MockContext, request: { phone?: string; id?: string | number }): ContactRecord {
  const action = 'get contact'
  if (request.phone !== undefined) {
    const contact = findContactByPhone(ctx, request.phone)
    if (!contact) throw notFound('phone', `Failed to ${action}: no contact has the number ${request.phone}. Please create it with POST /v1/contact.`)
    return contact
  }
  return requireContact(ctx, Number(request.id), action)
}

/** One entry of a batch, checked on its own before the rule sees it: its fields, or why it was refused. */
export type BatchEntry<T> = { sent: Record<string, unknown>; fields: T; error?: undefined } | { sent: Record<string, unknown>; error: ApiError }

/** A contact a batch did not create, as the client sent it, with why. */
export type FailedBatchContact = Record<string, unknown> & { error: string }

/**
 * `POST /v1/batch/contacts?overwrite=` (docs: /api-reference/contacts/bulk): creates the contacts whose number
 * is new. A number that already belongs to a contact is skipped unless `overwrite=true`, which updates that
 * contact with the fields given. Each entry stands alone: one that is invalid (or skipped) does not stop the
 * others. Answers `"ok"` when every entry was created or updated, else the entries that were not, each as sent
 * with an `error` saying why.
 */
export async function batchContacts(ctx: MockContext, entries: BatchEntry<ContactRequest>[], overwrite: boolean): Promise<'ok' | FailedBatchContact[]> {
  const action = 'create contacts'
  const failed: FailedBatchContact[] = []
  for (const entry of entries) {
    if (entry.error) {
      failed.push({ ...entry.sent, error: entry.error.message })
      continue
    }
    const existing = findContactByPhone(ctx, entry.fields.phone)
    try {
      if (!existing) await createContact(ctx, entry.fields, action)
      else if (overwrite) updateContact(ctx, existing.id, entry.fields, true, action)
      else {
        failed.push({
          ...entry.sent,
          error: `Failed to ${action}: contact ${existing.id} already has the number ${entry.fields.phone}, so this entry was skipped. Please send overwrite=true to update existing contacts.`,
        })
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      failed.push({ ...entry.sent, error: error.message })
    }
  }
  return failed.length === 0 ? 'ok' : failed
}

/** `POST /v1/contact-fields`: the custom field definitions, by id. */
export function listContactFields(ctx: MockContext) {
  return ctx.store.tables.contactField
    .values()
    .sort((a, b) => a.id - b.id)
    .map((field) => ({ id: field.id, title: field.title }))
}

/** `POST /v1/contacts/fields`: creates fields by title; a title that exists (ignoring case) is not duplicated. */
export async function createContactFields(ctx: MockContext, request: { title: string }[]) {
  const results: { id: number; title: string; duplicate: boolean }[] = []
  for (const { title } of request) {
    const existing = ctx.store.tables.contactField.values().find((field) => field.title.toLowerCase() === title.toLowerCase())
    if (existing) results.push({ id: existing.id, title: existing.title, duplicate: true })
    else {
      const field = await ctx.store.tables.contactField.insert({ title })
      results.push({ id: field.id, title: field.title, duplicate: false })
    }
  }
  return results
}
