import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseTimestamp, type Contact, type Conversation, type ErrorBody, type WebhookEvent } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'
import { cast } from './support/fixtures.js'

const { mock } = useHeymarketMock({ seed: 99, size: { conversations: 60, contacts: 120 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const pick = () => cast(mock)
beforeEach(() => mock.clock.set('2026-11-02T17:05:00Z'))

type Created = { id: number; rev: number; uuid: string }
const field = () => mock.db.contactField.findFirst()!

describe('POST /v1/contact and friends', () => {
  it('creates a contact: display_name from first + last, unknown custom keys dropped, {id, rev, uuid} back', async () => {
    const { status, body } = await api.post<Created>('/v1/contact', {
      phone: '+14155550300',
      first: 'Ana',
      last: 'Lima',
      email: 'ana@example.com',
      custom: { [String(field().id)]: 'x', '999999': 'dropped', __proto__: 'no' },
    })
    expect(status).toBe(200)
    expect(body).toMatchObject({ rev: 1, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    const contact = (await api.get<Contact>(`/v1/contact/${body.id}`)).body
    expect(contact).toMatchObject({ phone: '14155550300', display_name: 'Ana Lima', email: 'ana@example.com', custom: { [String(field().id)]: 'x' }, is_opted_out: false })
    expect(Object.keys(contact.custom)).toEqual([String(field().id)])
  })

  it('refuses a number that already belongs to a contact, a bad email, a sixth tag and an unknown tag', async () => {
    const existing = mock.db.contact.findFirst()!
    expect((await api.post<ErrorBody>('/v1/contact', { phone: existing.phone })).body).toMatchObject({ error: 'bad_data', field: 'phone' })
    expect((await api.post('/v1/contact', { phone: '14155550301', email: 'not-an-email' })).body).toMatchObject({ field: 'email' })
    const tags = Array.from({ length: 6 }, () => ({ tag_id: mock.db.tag.findFirst()!.id }))
    expect((await api.post('/v1/contact', { phone: '14155550301', tags })).body).toMatchObject({ field: 'tags' })
    expect((await api.post('/v1/contact', { phone: '14155550301', tags: [{ tag_id: 1 }] })).body).toMatchObject({ error: 'not_found', field: 'tags[0].tag_id' })
    expect(mock.db.contact.findFirst((q) => q.where({ phone: '14155550301' }))).toBeUndefined()
  })

  // Docs, /api-reference/contacts/update: PUT answers {id, rev, uuid}; /api-reference/contacts/get: a contact has its avatar.
  it('updates: names overwritten, custom merged unless overwrite=true; rev goes up; {id, rev, uuid} back; avatar kept', async () => {
    const [a, b] = mock.db.contactField.findMany()
    const { body: created } = await api.post<Created>('/v1/contact', { phone: '14155550302', first: 'Bo', custom: { [a!.id]: '1' } })
    const merged = await api.call<{ id: number; rev: number }>('PUT', `/v1/contact/${created.id}`, { phone: '14155550302', first: 'Bob', custom: { [b!.id]: '2' } })
    expect(merged.body).toEqual({ id: created.id, rev: 2, uuid: created.uuid })
    await api.call('PUT', `/v1/contact/${created.id}`, { phone: '14155550302', avatar: 'https://example.com/bo.png' })
    expect((await api.get<Contact>(`/v1/contact/${created.id}`)).body.avatar).toBe('https://example.com/bo.png')
    expect(mock.db.contact.findFirst((q) => q.where({ id: created.id }))).toMatchObject({ first: 'Bob', display_name: 'Bob', custom: { [a!.id]: '1', [b!.id]: '2' } })
    await api.call('PUT', `/v1/contact/${created.id}?overwrite=true`, { phone: '14155550302', custom: { [b!.id]: '3' } })
    expect(mock.db.contact.findFirst((q) => q.where({ id: created.id }))!.custom).toEqual({ [b!.id]: '3' })
    expect((await api.call('PUT', `/v1/contact/${created.id}?overwrite=maybe`, { phone: '14155550302' })).body).toMatchObject({ field: 'overwrite' })
  })

  it('keeps the conversations of a contact in step: their name follows the contact', async () => {
    const withContact = pick().conversations((c) => c.channel === 'sms' && mock.db.contact.findFirst((q) => q.where({ phone: c.target })) !== undefined)[0]!
    const contact = mock.db.contact.findFirst((q) => q.where({ phone: withContact.target }))!
    await api.call('PUT', `/v1/contact/${contact.id}`, { phone: contact.phone, display_name: 'Renamed Person' })
    expect((await api.get<Conversation>(`/v1/conversations/${withContact.id}`)).body.name).toBe('Renamed Person')
  })

  it('deletes a contact (404 afterwards) but keeps its conversations', async () => {
    const withContact = pick().conversations((c) => c.channel === 'sms' && mock.db.contact.findFirst((q) => q.where({ phone: c.target })) !== undefined)[0]!
    const contact = mock.db.contact.findFirst((q) => q.where({ phone: withContact.target }))!
    expect((await api.call('DELETE', `/v1/contact/${contact.id}`)).body).toBe('ok')
    expect((await api.get(`/v1/contact/${contact.id}`)).status).toBe(404)
    expect((await api.get(`/v1/conversations/${withContact.id}`)).status).toBe(200)
  })

  it('finds by phone (which wins) or by id given as a string', async () => {
    const [a, b] = mock.db.contact.findMany()
    expect((await api.post<Contact>('/v1/contact/get', { id: String(a!.id) })).body.id).toBe(a!.id)
    expect((await api.post<Contact>('/v1/contact/get', { id: String(a!.id), phone: b!.phone })).body.id).toBe(b!.id)
    expect((await api.post('/v1/contact/get', {})).body).toMatchObject({ field: 'phone' })
    expect((await api.post('/v1/contact/get', { phone: '14155550399' })).status).toBe(404)
  })
})

describe('POST /v1/contacts (list and search)', () => {
  it('walks every contact once, most recently updated first, with the date cursor; count agrees', async () => {
    const seen: Contact[] = []
    let date: string | undefined
    for (;;) {
      const page = (await api.post<Contact[]>('/v1/contacts', { limit: 17, ...(date ? { date } : {}) })).body
      if (page.length === 0) break
      seen.push(...page)
      date = page.at(-1)!.updated
    }
    expect(seen).toHaveLength(mock.db.contact.count())
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length)
    const times = seen.map((c) => parseTimestamp(c.updated)!)
    expect([...times].sort((x, y) => y - x)).toEqual(times)
    expect((await api.post('/v1/contacts/count', {})).body).toBe(String(mock.db.contact.count()))
  })

  it('searches names, numbers and emails with filter', async () => {
    const target = mock.db.contact.findFirst((q) => q.where({ last: (last) => last.length > 3 }))!
    const { body } = await api.post<Contact[]>('/v1/contacts', { filter: target.last.toUpperCase(), limit: 100 })
    expect(body.map((c) => c.id)).toContain(target.id)
    expect(body.every((c) => [c.display_name, c.first, c.last, c.phone, c.email].some((v) => v.toLowerCase().includes(target.last.toLowerCase())))).toBe(true)
    expect((await api.post('/v1/contacts/count', { filter: target.last })).body).toBe(String(body.length))
  })
})

describe('contact status', () => {
  it('reports and changes subscription: unsubscribed is is_opted_out, and sends are then refused', async () => {
    const contact = mock.db.contact.findFirst((q) => q.where({ is_opted_out: false, blocked: false }))!
    const events: WebhookEvent[] = []
    mock.on('*', (event) => events.push(event))
    expect((await api.post('/v1/contact/set_status', { id: contact.id, status: 'unsubscribed' })).body).toBe('success')
    expect((await api.post('/v1/contact/status', { phone: contact.phone })).body).toEqual({
      id: contact.id,
      phone: contact.phone,
      unsubscribed: true,
      blocked: false,
      unsubscribed_admin: true,
      unsubscribed_contact: false,
    })
    expect((await api.get<Contact>(`/v1/contact/${contact.id}`)).body.is_opted_out).toBe(true)
    expect(events.map((e) => e.type)).toEqual(['target_opt_out'])
    const inbox = pick().inboxes()[0]!
    const creator_id = inbox.members[0]
    expect((await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id, phone_number: contact.phone, text: 'x' })).status).toBe(403)
    await api.post('/v1/contact/set_status', { id: contact.id, status: 'subscribed' })
    expect((await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id, phone_number: contact.phone, text: 'x' })).status).toBe(200)
  })

  it('blocking shows as blocked: true on their conversations, and their messages no longer reopen them', async () => {
    const closed = pick().conversations((c) => c.status === 'closed' && c.channel === 'sms' && !c.blocked)[0]!
    await api.post('/v1/contact/set_status', { phone: closed.target, status: 'blocked' })
    expect((await api.get<Conversation>(`/v1/conversations/${closed.id}`)).body.blocked).toBe(true)
    const outcome = await mock.simulate.inbound({ conversation_id: closed.id, text: 'hello?' })
    expect(outcome.reopened).toBe(false)
    expect((await api.get<Conversation>(`/v1/conversations/${closed.id}`)).body).toMatchObject({ status: 'closed', blocked: true })
    await api.post('/v1/contact/set_status', { phone: closed.target, status: 'unblocked' })
    expect((await api.get<Conversation>(`/v1/conversations/${closed.id}`)).body.blocked).toBe(false)
    expect((await mock.simulate.inbound({ conversation_id: closed.id, text: 'now?' })).reopened).toBe(true)
  })

  it('a customer texting STOP opts out (unsubscribed_contact), START opts back in', async () => {
    const open = pick().conversations((c) => c.channel === 'sms' && !c.blocked && c.status === 'open')[0]!
    await mock.simulate.inbound({ conversation_id: open.id, text: ' stop ' })
    expect((await api.post('/v1/contact/status', { phone: open.target })).body).toMatchObject({ unsubscribed: true, unsubscribed_contact: true, unsubscribed_admin: false })
    await mock.simulate.inbound({ conversation_id: open.id, text: 'START' })
    expect((await api.post('/v1/contact/status', { phone: open.target })).body).toMatchObject({ unsubscribed: false })
  })

  it('rejects an unknown status naming the field', async () => {
    expect((await api.post('/v1/contact/set_status', { phone: '14155550310', status: 'paused' })).body).toMatchObject({ field: 'status' })
  })
})

describe('batch contacts and custom fields', () => {
  // Docs, /api-reference/contacts/bulk: "If a contact with the same phone number already exists, it is skipped
  // unless you set overwrite=true"; the answer is "an array of contact objects that failed to be created", or
  // "ok" when all were; one bad entry does not refuse the others.
  it('creates new numbers, skips known ones unless overwrite=true, and answers "ok" or the entries that failed', async () => {
    const existing = mock.db.contact.findFirst((q) => q.where({ first: (f) => f.length > 0 }))!
    const skipped = await api.post<({ phone: string; error: string } & Record<string, unknown>)[]>('/v1/batch/contacts', [
      { phone: '14155550320', first: 'New' },
      { phone: existing.phone, first: 'Changed' },
    ])
    expect(skipped.status).toBe(200)
    expect(skipped.body).toEqual([{ phone: existing.phone, first: 'Changed', error: expect.stringMatching(/already has the number.*overwrite=true/) }])
    expect(mock.db.contact.findFirst((q) => q.where({ phone: '14155550320' }))!.first).toBe('New')
    expect(mock.db.contact.findFirst((q) => q.where({ id: existing.id }))!.first).toBe(existing.first)
    expect((await api.post('/v1/batch/contacts?overwrite=true', [{ phone: existing.phone, first: 'Changed' }])).body).toBe('ok')
    expect(mock.db.contact.findFirst((q) => q.where({ id: existing.id }))!.first).toBe('Changed')
    const mixed = await api.post<{ error: string }[]>('/v1/batch/contacts', [{ phone: '14155550321' }, { phone: 'nope' }, { first: 'No phone' }])
    expect(mixed.body).toEqual([
      { phone: 'nope', error: expect.stringMatching(/"phone" must be an E\.164 phone number/) },
      { first: 'No phone', error: expect.stringMatching(/"phone" is required/) },
    ])
    expect(mock.db.contact.findFirst((q) => q.where({ phone: '14155550321' }))).toBeDefined()
    const before = mock.db.contact.count()
    expect((await api.post('/v1/batch/contacts', { phone: '14155550322' })).body).toMatchObject({ error: 'bad_data' })
    expect(mock.db.contact.count()).toBe(before)
  })

  it('lists field definitions and creates new ones without duplicating titles', async () => {
    const fields = (await api.post<{ id: number; title: string }[]>('/v1/contact-fields')).body
    expect(fields.length).toBeGreaterThan(0)
    const { body } = await api.post<{ id: number; title: string; duplicate: boolean }[]>('/v1/contacts/fields', [{ title: fields[0]!.title.toUpperCase() }, { title: 'Favourite colour' }])
    expect(body[0]).toEqual({ id: fields[0]!.id, title: fields[0]!.title, duplicate: true })
    expect(body[1]).toMatchObject({ title: 'Favourite colour', duplicate: false })
  })
})

describe('v2 contacts', () => {
  type Channel = { id: string; contact_id: string; channel_type: string; channel_id: string }
  type V2 = Contact & { uuid: string; contact_channels: Channel[] }

  // Docs, /api-reference/contacts/create: POST /v2/contact needs at least one channel and answers {id, rev, uuid};
  // /api-reference/contacts/search: v2 contacts are the v1 contact object (integer id, first, last, ...).
  it('creates from channels ({id, rev, uuid}), reads by uuid in the v1 field names, lists by page', async () => {
    const created = await api.post<Created>('/v2/contact', {
      contact_channels: [
        { channel_type: 'phone', channel_id: '+14155550330' },
        { channel_type: 'email', channel_id: 'Cy@Example.com' },
      ],
      first: 'Cy',
      last: 'Young',
    })
    expect(created.status).toBe(200)
    expect(created.body).toEqual({ id: expect.any(Number), rev: 1, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    const got = (await api.get<V2>(`/v2/contact/${created.body.uuid}`)).body
    expect(got).toMatchObject({ id: created.body.id, uuid: created.body.uuid, first: 'Cy', last: 'Young', display_name: 'Cy Young', phone: '14155550330', email: 'cy@example.com' })
    expect(got.contact_channels.map((c) => [c.channel_type, c.channel_id, c.contact_id])).toEqual([
      ['phone', '14155550330', created.body.uuid],
      ['email', 'cy@example.com', created.body.uuid],
    ])
    expect(got).not.toHaveProperty('first_name')
    expect((await api.get<Contact>(`/v1/contact/${created.body.id}`)).body.phone).toBe('14155550330')
    const first = (await api.post<V2[]>('/v2/contacts/list', { limit: 5, page: 0 })).body
    const second = (await api.post<V2[]>('/v2/contacts/list', { limit: 5, page: 1 })).body
    expect(first[0]!.uuid).toBe(created.body.uuid)
    expect(second).toHaveLength(5)
    expect(second.some((c) => first.some((f) => f.id === c.id))).toBe(false)
    expect((await api.post('/v2/contact', { contact_channels: [] })).body).toMatchObject({ field: 'contact_channels' })
    expect((await api.get('/v2/contact/4a1b2c3d-e5f6-4890-abcd-ef1234567890')).status).toBe(404)
    expect((await api.get<ErrorBody>(`/v2/contact/${created.body.id}`)).body).toMatchObject({ error: 'bad_data', field: 'contactID' })
  })

  // Docs, /api-reference/contacts/search: {contact_channels: [{channel_type?, channel_ids}]}; without a type,
  // E.164 values are phones and values with @ are emails.
  it('searches by contact_channels, with the type given or detected from each value', async () => {
    const [a, b] = mock.db.contact.findMany((q) => q.where({ phone: (p) => p !== '', email: (e) => e !== '' })).slice(0, 2)
    const ids = async (body: unknown) => (await api.post<V2[]>('/v2/contacts/search', body)).body.map((c) => c.id)
    expect(await ids({ contact_channels: [{ channel_type: 'phone', channel_ids: [a!.phone, b!.phone] }] })).toEqual([a!.id, b!.id].sort((x, y) => x - y))
    expect(await ids({ contact_channels: [{ channel_type: 'email', channel_ids: [a!.email.toUpperCase()] }] })).toEqual([a!.id])
    expect(await ids({ contact_channels: [{ channel_ids: [b!.email, a!.phone] }] })).toEqual([a!.id, b!.id].sort((x, y) => x - y))
    expect(await ids({ contact_channels: [{ channel_ids: ['14155550999'] }] })).toEqual([])
    expect((await api.post('/v2/contacts/search', { phone: a!.phone })).body).toMatchObject({ error: 'bad_data', field: 'contact_channels' })
  })

  // Docs, /api-reference/contacts/update-v2 and /delete: PUT and DELETE /v2/contact/{contactID} by UUID.
  it('updates and deletes by uuid', async () => {
    const contact = { ...mock.db.contact.findFirst((q) => q.where({ phone: (p) => p !== '' }))! }
    const updated = await api.call<V2>('PUT', `/v2/contact/${contact.uuid}`, { first: 'Renamed', avatar: 'https://example.com/a.png' })
    expect(updated.body).toMatchObject({ id: contact.id, uuid: contact.uuid, first: 'Renamed', avatar: 'https://example.com/a.png', rev: contact.rev + 1 })
    expect((await api.call('DELETE', `/v2/contact/${contact.uuid}`)).body).toBe('ok')
    expect((await api.get(`/v1/contact/${contact.id}`)).status).toBe(404)
  })

  // Docs, /api-reference/contacts/bulk: POST /v2/contacts creates, or updates entries with contact_id, and
  // answers {contacts, failed_contacts}; DELETE /v2/contacts takes {contact_channels: [{channel_type: "id", channel_ids}]}.
  it('creates and updates in bulk with failed_contacts, and deletes in bulk by uuid (all or nothing)', async () => {
    const existing = mock.db.contact.findFirst()!
    const { body } = await api.post<{ contacts: V2[]; failed_contacts: { contact: unknown; error: string }[] }>('/v2/contacts', {
      contacts: [
        { contact_channels: [{ channel_type: 'phone', channel_id: '14155550340' }], first: 'Bulk' },
        { contact_id: existing.uuid, last: 'Updated' },
        { contact_channels: [{ channel_type: 'phone', channel_id: 'bad' }] },
        { first: 'Nothing to reach' },
      ],
    })
    expect(body.contacts.map((c) => [c.phone || c.uuid, c.first || c.last])).toEqual([['14155550340', 'Bulk'], [existing.phone || existing.uuid, existing.first || 'Updated']])
    expect(body.contacts[1]!.last).toBe('Updated')
    expect(body.failed_contacts).toEqual([
      { contact: { contact_channels: [{ channel_type: 'phone', channel_id: 'bad' }] }, error: expect.stringMatching(/E\.164/) },
      { contact: { first: 'Nothing to reach' }, error: expect.stringMatching(/"contact_channels" is required/) },
    ])
    const created = body.contacts[0]!
    const before = mock.db.contact.count()
    const refused = await api.call<ErrorBody>('DELETE', '/v2/contacts', { contact_channels: [{ channel_type: 'id', channel_ids: [created.uuid, '4a1b2c3d-e5f6-4890-abcd-ef1234567890'] }] })
    expect(refused.status).toBe(404)
    expect(refused.body.field).toBe('contact_channels[0].channel_ids[1]')
    expect(mock.db.contact.count()).toBe(before)
    expect((await api.call('DELETE', '/v2/contacts', { contact_channels: [{ channel_type: 'id', channel_ids: [created.uuid] }] })).body).toBe('ok')
    expect(mock.db.contact.count()).toBe(before - 1)
  })

  // Docs, /api-reference/contacts/channels and /channels-get: add, update, list, get and delete channels.
  it('adds, changes, lists, reads and removes channels', async () => {
    const { body: created } = await api.post<Created>('/v2/contact', { contact_channels: [{ channel_type: 'phone', channel_id: '14155550350' }] })
    const base = `/v2/contact/${created.uuid}`
    const added = await api.post<Channel[]>(`${base}/channel`, { channel_type: 'email', channel_id: 'dee@example.com' })
    expect(added.body.map((c) => [c.channel_type, c.channel_id])).toEqual([['phone', '14155550350'], ['email', 'dee@example.com']])
    expect((await api.post(`${base}/channel`, { channel_type: 'email', channel_id: 'x@example.com' })).body).toMatchObject({ error: 'bad_data', field: 'channel_type' })
    const changed = await api.call<Channel[]>('PUT', `${base}/channel`, { channel_type: 'phone', channel_id: '14155550351' })
    expect(changed.body[0]!.channel_id).toBe('14155550351')
    expect((await api.get<Channel[]>(`${base}/channels`)).body).toEqual(changed.body)
    expect((await api.get<Channel>(`${base}/channel/email`)).body).toMatchObject({ channel_type: 'email', channel_id: 'dee@example.com', contact_id: created.uuid })
    expect((await api.call(`DELETE`, `${base}/channel/phone`)).body).toBe('ok')
    expect((await api.get(`${base}/channel/phone`)).status).toBe(404)
    expect((await api.call<ErrorBody>('DELETE', `${base}/channel/email`)).body).toMatchObject({ error: 'bad_data', field: 'channelType' })
    expect((await api.post<ErrorBody>(`${base}/channel`, { channel_type: 'phone' })).body).toMatchObject({ error: 'bad_data', field: 'channel_id' })
  })
})
