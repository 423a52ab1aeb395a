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

  it('updates: names overwritten, custom merged unless overwrite=true; rev goes up', async () => {
    const [a, b] = mock.db.contactField.findMany()
    const { body: created } = await api.post<Created>('/v1/contact', { phone: '14155550302', first: 'Bo', custom: { [a!.id]: '1' } })
    const merged = await api.call<{ id: number; rev: number }>('PUT', `/v1/contact/${created.id}`, { phone: '14155550302', first: 'Bob', custom: { [b!.id]: '2' } })
    expect(merged.body).toEqual({ id: created.id, rev: 2 })
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
    expect((await api.post('/v1/message/send', { inbox_id: inbox.id, phone_number: contact.phone, text: 'x' })).status).toBe(403)
    await api.post('/v1/contact/set_status', { id: contact.id, status: 'subscribed' })
    expect((await api.post('/v1/message/send', { inbox_id: inbox.id, phone_number: contact.phone, text: 'x' })).status).toBe(200)
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
  it('creates new numbers, fills or overwrites known ones, and refuses the whole batch for one bad item', async () => {
    const existing = mock.db.contact.findFirst((q) => q.where({ first: (f) => f.length > 0 }))!
    const { body } = await api.post<Created[]>('/v1/batch/contacts', [
      { phone: '14155550320', first: 'New' },
      { phone: existing.phone, first: 'Changed' },
    ])
    expect(body).toHaveLength(2)
    expect(mock.db.contact.findFirst((q) => q.where({ id: existing.id }))!.first).toBe(existing.first)
    await api.post('/v1/batch/contacts?overwrite=true', [{ phone: existing.phone, first: 'Changed' }])
    expect(mock.db.contact.findFirst((q) => q.where({ id: existing.id }))!.first).toBe('Changed')
    const before = mock.db.contact.count()
    const bad = await api.post<ErrorBody>('/v1/batch/contacts', [{ phone: '14155550321' }, { phone: 'nope' }])
    expect(bad.body).toMatchObject({ field: '[1].phone' })
    expect(mock.db.contact.count()).toBe(before)
    expect((await api.post('/v1/batch/contacts', { phone: '14155550321' })).body).toMatchObject({ error: 'bad_data' })
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
  type V2 = { id: string; legacy_id: number; contact_channels: { channel_type: string; channel_id: string }[]; first_name: string }
  it('creates from channels, reads by uuid, lists by page and searches by phone or email', async () => {
    const created = await api.post<V2>('/v2/contact', {
      contact_channels: [
        { channel_type: 'phone', channel_id: '+14155550330' },
        { channel_type: 'email', channel_id: 'Cy@Example.com' },
      ],
      first: 'Cy',
    })
    expect(created.status).toBe(200)
    expect(created.body.contact_channels).toEqual([
      { channel_type: 'phone', channel_id: '14155550330' },
      { channel_type: 'email', channel_id: 'cy@example.com' },
    ])
    expect((await api.get<V2>(`/v2/contact/${created.body.id}`)).body.legacy_id).toBe(created.body.legacy_id)
    expect((await api.get<Contact>(`/v1/contact/${created.body.legacy_id}`)).body.phone).toBe('14155550330')
    expect((await api.post<V2[]>('/v2/contacts/search', { email: 'CY@example.com' })).body.map((c) => c.id)).toEqual([created.body.id])
    const first = (await api.post<V2[]>('/v2/contacts/list', { limit: 5, page: 0 })).body
    const second = (await api.post<V2[]>('/v2/contacts/list', { limit: 5, page: 1 })).body
    expect(first[0]!.id).toBe(created.body.id)
    expect(second).toHaveLength(5)
    expect(second.some((c) => first.some((f) => f.id === c.id))).toBe(false)
    expect((await api.post('/v2/contact', { contact_channels: [] })).body).toMatchObject({ field: 'contact_channels' })
    expect((await api.get('/v2/contact/does-not-exist')).status).toBe(404)
  })
})
