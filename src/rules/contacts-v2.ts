import type {
  BulkContactsV2Response,
  BulkContactV2Entry,
  ChannelType,
  ContactChannel,
  ContactChannelInput,
  ContactV2,
  CreateContactV2Request,
  SearchContactsV2Request,
  UpdateContactV2Request,
} from '../schema/contact-requests.js'
import type { ContactRecord } from '../store/records.js'
import { findContactByPhone } from './contact-lookup.js'
import { createContact, deleteContact, requireContact, syncConversationsOfContact, updateContact, viewContact, type BatchEntry, type ContactFields } from './contacts.js'
import type { MockContext } from './context.js'
import { ApiError, badData, notFound } from './errors.js'
import { pageKeys } from '../store/sorted-list.js'
import { parseTimestamp } from '../primitives/timestamps.js'

const E164 = /^[1-9]\d{6,14}$/
const EMAIL = /^[^\s@]+@[^\s@]+$/

/**
 * A contact's channels: its phone and its email, when it has them. A channel has no record of its own in the
 * mock, so its `id` is made from the contact's UUID and the type, and its times are the contact's.
 */
export function viewChannels(record: ContactRecord): ContactChannel[] {
  const channels: ContactChannel[] = []
  const channel = (channel_type: ChannelType, channel_id: string): ContactChannel => ({
    id: `${record.uuid}:${channel_type}`,
    team_id: record.team_id,
    contact_id: record.uuid,
    channel_type,
    channel_id,
    channel_handle: '',
    info_channel: '',
    created: record.created,
    updated: record.updated,
  })
  if (record.phone) channels.push(channel('phone', record.phone))
  if (record.email) channels.push(channel('email', record.email))
  return channels
}

/** A contact as the v2 endpoints answer it: the v1 contact, its UUID and its channels. */
export function viewContactV2(record: ContactRecord): ContactV2 {
  return { ...viewContact(record), uuid: record.uuid, contact_channels: viewChannels(record) }
}

/** The contact a v2 path names by UUID (404 naming `contactID` when none has it). */
export function requireContactByUuid(ctx: MockContext, uuid: string, action: string): ContactRecord {
  const id = ctx.store.indexes.contactByUuid.first(uuid)
  const contact = id === undefined ? undefined : ctx.store.tables.contact.get(id)
  if (!contact) {
    throw notFound('contactID', `Failed to ${action}: no contact has the UUID ${JSON.stringify(uuid)}. Please use the uuid a create answered (v2 paths take the UUID, not the v1 integer id).`)
  }
  return contact
}

/** Checks a channel value for its type: E.164 digits (a leading `+` dropped) for phones, an address for email. */
function channelValue(channel: ContactChannelInput, field: string, action: string): string {
  if (channel.channel_type === 'phone') {
    const phone = channel.channel_id.replace(/^\+/, '')
    if (!E164.test(phone)) {
      throw badData(field, `Failed to ${action}: "${field}" must be an E.164 phone number written as digits, such as 14155551234, got ${JSON.stringify(channel.channel_id)}. Please fix the number.`)
    }
    return phone
  }
  const email = channel.channel_id.trim().toLowerCase()
  if (!EMAIL.test(email)) {
    throw badData(field, `Failed to ${action}: "${field}" must be an email address such as ana@example.com, got ${JSON.stringify(channel.channel_id)}. Please fix the address.`)
  }
  return email
}

/** The phone and email a list of channels sets (at most one of each). */
function channelFields(channels: readonly ContactChannelInput[], field: string, action: string): { phone?: string; email?: string } {
  const result: { phone?: string; email?: string } = {}
  channels.forEach((channel, i) => {
    if (result[channel.channel_type] !== undefined) {
      throw badData(`${field}[${i}].channel_type`, `Failed to ${action}: a contact has one ${channel.channel_type} channel at most, and "${field}" names two. Please send one.`)
    }
    result[channel.channel_type] = channelValue(channel, `${field}[${i}].channel_id`, action)
  })
  return result
}

function fieldsOf(request: Omit<UpdateContactV2Request, 'contact_channels'>, channels: { phone?: string; email?: string }): ContactFields {
  const { phone, ...rest } = request
  const fields: ContactFields = { ...rest }
  const chosenPhone = channels.phone ?? phone
  if (chosenPhone !== undefined) fields.phone = chosenPhone
  if (channels.email !== undefined) fields.email = channels.email
  return fields
}

/**
 * `POST /v2/contact` (docs: /api-reference/contacts/create): a contact from one or more channels (one phone
 * and/or one email) and the v1 contact fields; answers `{id, rev, uuid}` as every create does.
 */
export async function createContactV2(ctx: MockContext, request: CreateContactV2Request, action = 'create contact'): Promise<ContactRecord> {
  const { contact_channels, ...rest } = request
  return createContact(ctx, fieldsOf(rest, channelFields(contact_channels, 'contact_channels', action)), action)
}

/** `GET /v2/contact/{contactID}`: the contact with that UUID. */
export function getContactV2(ctx: MockContext, uuid: string): ContactV2 {
  return viewContactV2(requireContactByUuid(ctx, uuid, 'get contact'))
}

/**
 * `PUT /v2/contact/{contactID}`: the v1 update by UUID (names overwritten when given, `custom` merged), and
 * `contact_channels` set the phone or email. Answers the contact.
 */
export function updateContactV2(ctx: MockContext, uuid: string, request: UpdateContactV2Request, action = 'update contact'): ContactV2 {
  const contact = requireContactByUuid(ctx, uuid, action)
  const { contact_channels, ...rest } = request
  const channels = contact_channels ? channelFields(contact_channels, 'contact_channels', action) : {}
  return viewContactV2(updateContact(ctx, contact.id, fieldsOf(rest, channels), false, action))
}

/** `DELETE /v2/contact/{contactID}`: as `DELETE /v1/contact/{id}`, by UUID. */
export function deleteContactV2(ctx: MockContext, uuid: string): void {
  deleteContact(ctx, requireContactByUuid(ctx, uuid, 'delete contact').id)
}

/**
 * `POST /v2/contacts` (docs: /api-reference/contacts/bulk): each entry creates a contact, or updates the one its
 * `contact_id` names. Entries stand alone: one that fails is answered in `failed_contacts` with why, as sent,
 * and the others go ahead.
 */
export async function bulkContactsV2(ctx: MockContext, entries: BatchEntry<BulkContactV2Entry>[]): Promise<BulkContactsV2Response> {
  const action = 'create or update contacts'
  const answer: BulkContactsV2Response = { contacts: [], failed_contacts: [] }
  for (const entry of entries) {
    if (entry.error) {
      answer.failed_contacts.push({ contact: entry.sent, error: entry.error.message })
      continue
    }
    try {
      const { contact_id, ...fields } = entry.fields
      if (contact_id !== undefined) answer.contacts.push(updateContactV2(ctx, contact_id, fields, action))
      else {
        const { contact_channels, ...rest } = fields
        const channels = contact_channels ? channelFields(contact_channels, 'contact_channels', action) : {}
        answer.contacts.push(viewContactV2(await createContact(ctx, fieldsOf(rest, channels), action)))
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      answer.failed_contacts.push({ contact: entry.sent, error: error.message })
    }
  }
  return answer
}

/**
 * `DELETE /v2/contacts`: deletes the contacts with these UUIDs. All or nothing: a UUID no contact has is a 404
 * naming it, and nothing is deleted.
 */
export function bulkDeleteContactsV2(ctx: MockContext, uuids: readonly string[]): void {
  const action = 'delete contacts'
  const contacts = uuids.map((uuid, i) => {
    const id = ctx.store.indexes.contactByUuid.first(uuid)
    const contact = id === undefined ? undefined : ctx.store.tables.contact.get(id)
    if (!contact) {
      throw notFound(`contact_channels[0].channel_ids[${i}]`, `Failed to ${action}: no contact has the UUID ${JSON.stringify(uuid)}, so nothing was deleted. Please send only UUIDs of existing contacts.`)
    }
    return contact
  })
  for (const contact of new Set(contacts)) deleteContact(ctx, contact.id)
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

/** The channel type of a search value when the request gives none: E.164 digits are phones, `@` makes an email. */
function detectChannelType(value: string): ChannelType | undefined {
  if (E164.test(value.replace(/^\+/, ''))) return 'phone'
  if (value.includes('@')) return 'email'
  return undefined
}

/**
 * `POST /v2/contacts/search` (docs: /api-reference/contacts/search): the contacts that have any of the values
 * as a channel of the given type (detected from each value when no type is given), by id, each once. A value
 * no contact has, or a type the mock does not keep, finds nothing.
 */
export function searchContactsV2(ctx: MockContext, request: SearchContactsV2Request): ContactV2[] {
  const ids = new Set<number>()
  for (const { channel_type, channel_ids } of request.contact_channels) {
    for (const value of channel_ids) {
      const type = channel_type ?? detectChannelType(value)
      if (type === 'phone') for (const id of ctx.store.indexes.contactByPhone.all(value.replace(/^\+/, ''))) ids.add(id)
      else if (type === 'email') for (const id of ctx.store.indexes.contactByEmail.all(value.trim().toLowerCase())) ids.add(id)
    }
  }
  return [...ids].sort((a, b) => a - b).map((id) => viewContactV2(ctx.store.tables.contact.get(id)!))
}

function requireChannel(contact: ContactRecord, type: string, field: string, action: string): ContactChannel {
  const channel = viewChannels(contact).find((candidate) => candidate.channel_type === type)
  if (!channel) {
    throw notFound(field, `Failed to ${action}: contact ${contact.uuid} has no ${JSON.stringify(type)} channel. Please use a type GET /v2/contact/${contact.uuid}/channels lists.`)
  }
  return channel
}

function setChannel(ctx: MockContext, contact: ContactRecord, type: ChannelType, value: string, action: string): ContactRecord {
  if (type === 'phone') {
    const other = findContactByPhone(ctx, value)
    if (other && other.id !== contact.id) {
      throw badData('channel_id', `Failed to ${action}: contact ${other.uuid} already has the number ${value}. Please use another number, or change that contact.`)
    }
  }
  const updated = ctx.store.tables.contact.update(contact, {
    [type]: value,
    updated: ctx.clock.timestamp(),
    rev: contact.rev + 1,
    op: 'update',
  })
  syncConversationsOfContact(ctx, updated)
  return updated
}

/**
 * `POST /v2/contact/{contactID}/channel` (docs: /api-reference/contacts/channels): adds a phone or email channel;
 * answers all the contact's channels. A contact has one channel of each type: adding a second is a 400 (change
 * it with PUT).
 */
export function addContactChannel(ctx: MockContext, uuid: string, channel: ContactChannelInput): ContactChannel[] {
  const action = 'add contact channel'
  const contact = requireContactByUuid(ctx, uuid, action)
  if (viewChannels(contact).some((existing) => existing.channel_type === channel.channel_type)) {
    throw badData('channel_type', `Failed to ${action}: contact ${uuid} already has a ${channel.channel_type} channel. Please change it with PUT /v2/contact/${uuid}/channel.`)
  }
  return viewChannels(setChannel(ctx, contact, channel.channel_type, channelValue(channel, 'channel_id', action), action))
}

/** `PUT /v2/contact/{contactID}/channel`: gives the contact's channel of that type a new value; answers all its channels. */
export function updateContactChannel(ctx: MockContext, uuid: string, channel: ContactChannelInput): ContactChannel[] {
  const action = 'update contact channel'
  const contact = requireContactByUuid(ctx, uuid, action)
  requireChannel(contact, channel.channel_type, 'channel_type', action)
  return viewChannels(setChannel(ctx, contact, channel.channel_type, channelValue(channel, 'channel_id', action), action))
}

/** `GET /v2/contact/{contactID}/channels`. */
export function listContactChannels(ctx: MockContext, uuid: string): ContactChannel[] {
  return viewChannels(requireContactByUuid(ctx, uuid, 'list contact channels'))
}

/** `GET /v2/contact/{contactID}/channel/{channelType}`. */
export function getContactChannel(ctx: MockContext, uuid: string, type: string): ContactChannel {
  const action = 'get contact channel'
  return requireChannel(requireContactByUuid(ctx, uuid, action), type, 'channelType', action)
}

/**
 * `DELETE /v2/contact/{contactID}/channel/{channelType}`: removes the channel. A contact keeps at least one (a
 * create needs one), so removing the last is a 400.
 */
export function deleteContactChannel(ctx: MockContext, uuid: string, type: string): void {
  const action = 'delete contact channel'
  const contact = requireContactByUuid(ctx, uuid, action)
  const channel = requireChannel(contact, type, 'channelType', action)
  if (viewChannels(contact).length === 1) {
    throw badData('channelType', `Failed to ${action}: it is the only channel of contact ${uuid}, and a contact needs one. Please add another channel first, or delete the contact.`)
  }
  setChannel(ctx, contact, channel.channel_type, '', action)
}
