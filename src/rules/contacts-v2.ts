import type { ContactV2, CreateContactV2Request } from '../schema/contact-requests.js'
import type { ContactRecord } from '../store/records.js'
import { findContactByPhone } from './contact-lookup.js'
import { teamOwner } from './contacts.js'
import type { MockContext } from './context.js'
import { badData, notFound } from './errors.js'
import { pageKeys } from '../store/sorted-list.js'
import { parseTimestamp } from '../primitives/timestamps.js'

/** A contact in the v2 shape: the uuid as `id`, the v1 id as `legacy_id`, phone and email as channels. */
export function viewContactV2(record: ContactRecord): ContactV2 {
  const channels: ContactV2['contact_channels'] = []
  if (record.phone) channels.push({ channel_type: 'phone', channel_id: record.phone })
  if (record.email) channels.push({ channel_type: 'email', channel_id: record.email })
  return {
    id: record.uuid,
    legacy_id: record.id,
    display_name: record.display_name,
    first_name: record.first,
    last_name: record.last,
    contact_channels: channels,
    custom: { ...record.custom },
    is_opted_out: record.is_opted_out,
    created_at: record.created,
    updated_at: record.updated,
  }
}

/** `POST /v2/contact`: a contact from channels (one phone and/or one email). The same records as v1. */
export async function createContactV2(ctx: MockContext, request: CreateContactV2Request): Promise<ContactV2> {
  const action = 'create contact'
  const phones = request.contact_channels.filter((channel) => channel.channel_type === 'phone')
  const emails = request.contact_channels.filter((channel) => channel.channel_type === 'email')
  if (phones.length > 1 || emails.length > 1) {
    throw badData('contact_channels', `Failed to ${action}: a contact has at most one phone and one email channel. Please send one of each at most.`)
  }
  const phone = phones[0]?.channel_id.replace(/^\+/, '')
  if (phone !== undefined && !/^[1-9]\d{6,14}$/.test(phone)) {
    throw badData('contact_channels', `Failed to ${action}: the phone channel ${JSON.stringify(phones[0]!.channel_id)} is not an E.164 number. Please write it as digits, such as 14155551234.`)
  }
  const email = emails[0]?.channel_id.toLowerCase()
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw badData('contact_channels', `Failed to ${action}: the email channel ${JSON.stringify(emails[0]!.channel_id)} is not an email address. Please send one such as ana@example.com.`)
  }
  if (phone && findContactByPhone(ctx, phone)) {
    const other = findContactByPhone(ctx, phone)!
    throw badData('contact_channels', `Failed to ${action}: contact ${other.uuid} already has the number ${phone}. Please update that contact instead.`)
  }
  const first = request.first ?? ''
  const last = request.last ?? ''
  const now = ctx.clock.timestamp()
  const contact = await ctx.store.tables.contact.insert({
    phone: phone ?? '',
    email: email ?? '',
    first,
    last,
    display_name: request.display_name ?? `${first} ${last}`.trim(),
    team_id: ctx.store.team()?.id ?? 0,
    creator_id: teamOwner(ctx)?.id ?? 0,
    created: now,
    updated: now,
  })
  return viewContactV2(contact)
}

/** `GET /v2/contact/{uuid}`. */
export function getContactV2(ctx: MockContext, uuid: string): ContactV2 {
  const id = ctx.store.indexes.contactByUuid.first(uuid)
  const contact = id === undefined ? undefined : ctx.store.tables.contact.get(id)
  if (!contact) throw notFound('contactID', `Failed to get contact: no contact has the id ${JSON.stringify(uuid)}. Please use an id POST /v2/contact returned.`)
  return viewContactV2(contact)
}

/**
 * `POST /v2/contacts/list`: newest `updated` first (oldest first with `ascending`), `limit` per page (30) and
 * `page` counted from 0; `date` narrows to contacts updated before it (after it with `ascending`).
 */
export function listContactsV2(ctx: MockContext, request: { limit?: number; page?: number; date?: string; ascending?: boolean }): ContactV2[] {
  const limit = request.limit ?? 30
  const page = request.page ?? 0
  const cursor = request.date === undefined ? undefined : parseTimestamp(request.date)
  const ids = pageKeys(ctx.store.indexes.contactsByUpdated.list, {
    ascending: request.ascending ?? false,
    limit: (page + 1) * limit,
    ...(cursor !== undefined ? { cursor } : {}),
  })
  return ids.slice(page * limit, (page + 1) * limit).map((id) => viewContactV2(ctx.store.tables.contact.get(id)!))
}

/** `POST /v2/contacts/search`: the contacts with that phone or email (an array, empty when none). */
export function searchContactsV2(ctx: MockContext, request: { phone?: string; email?: string }): ContactV2[] {
  const ids = new Set<number>()
  if (request.phone !== undefined) for (const id of ctx.store.indexes.contactByPhone.all(request.phone)) ids.add(id)
  if (request.email !== undefined) for (const id of ctx.store.indexes.contactByEmail.all(request.email.toLowerCase())) ids.add(id)
  return [...ids].sort((a, b) => a - b).map((id) => viewContactV2(ctx.store.tables.contact.get(id)!))
}
