import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseTimestamp, type Conversation } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'
import { cast } from './support/fixtures.js'

const { mock } = useHeymarketMock({ seed: 21, size: { conversations: 150 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const pick = () => cast(mock)

async function list(body: Record<string, unknown>) {
  return api.post<Conversation[]>('/v1/conversations', body)
}

describe('POST /v1/conversations', () => {
  it('answers a bare JSON array of conversations, newest `updated` first, 30 by default', async () => {
    const { inbox, member } = pick().inboxWithOutsider()
    const { status, body } = await list({ id: member.id, filters: { inboxes: [inbox.id] } })
    expect(status).toBe(200)
    expect(Array.isArray(body)).toBe(true)
    expect(body).toHaveLength(30)
    const times = body.map((c) => Date.parse(c.updated))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect(body.every((c) => c.inbox === inbox.id)).toBe(true)
  })

  it('honours limit, and refuses a limit outside 1..100 naming the field', async () => {
    const { member } = pick().inboxWithOutsider()
    expect((await list({ id: member.id, filters: {}, limit: 7 })).body).toHaveLength(7)
    for (const limit of [0, 101, 2.5, '10']) {
      const { status, body } = await list({ id: member.id, filters: {}, limit })
      expect(status, String(limit)).toBe(400)
      expect(body).toMatchObject({ error: 'bad_data', field: 'limit' })
    }
  })

  it('returns only conversations updated strictly before the date cursor, and [] after the last page', async () => {
    const { member } = pick().inboxWithOutsider()
    const first = (await list({ id: member.id, filters: {}, limit: 5 })).body
    const cursor = first[4]!.updated
    const next = (await list({ id: member.id, filters: {}, limit: 5, date: cursor })).body
    expect(next.length).toBe(5)
    expect(next.every((c) => parseTimestamp(c.updated)! < parseTimestamp(cursor)!)).toBe(true)
    expect(next.map((c) => c.id)).not.toContain(first[4]!.id)
    const past = (await list({ id: member.id, filters: {}, date: '2001-01-01T00:00:00Z' })).body
    expect(past).toEqual([])
  })

  it('accepts any RFC 3339 cursor (offsets, no fraction) and refuses anything else naming "date"', async () => {
    const { member } = pick().inboxWithOutsider()
    const zulu = await list({ id: member.id, filters: {}, date: '2026-10-15T12:00:00Z' })
    const offset = await list({ id: member.id, filters: {}, date: '2026-10-15T05:00:00-07:00' })
    expect(offset.status).toBe(200)
    expect(offset.body).toEqual(zulu.body)
    for (const date of ['2026-10-15', 'yesterday', '2026-10-15T12:00:00', 1760529600, '2026-02-30T00:00:00Z']) {
      const { status, body } = await list({ id: member.id, filters: {}, date })
      expect(status, String(date)).toBe(400)
      expect(body).toMatchObject({ error: 'bad_data', field: 'date' })
      expect((body as unknown as { message: string }).message).toMatch(/"date"/)
    }
  })

  it('scopes results to the inboxes the acting user belongs to', async () => {
    const { inbox, outsider } = pick().inboxWithOutsider()
    const own = new Set(pick().inboxes().filter((i) => i.members.includes(outsider.id)).map((i) => i.id))
    const { body } = await list({ id: outsider.id, filters: {}, limit: 100 })
    expect(body.length).toBeGreaterThan(0)
    expect(body.every((c) => own.has(c.inbox))).toBe(true)
    expect(body.some((c) => c.inbox === inbox.id)).toBe(false)
  })

  it('refuses with 403 a filter on an inbox the user is not a member of', async () => {
    const { inbox, outsider } = pick().inboxWithOutsider()
    const { status, body } = await list({ id: outsider.id, filters: { inboxes: [inbox.id] } })
    expect(status).toBe(403)
    expect(body).toMatchObject({ error: 'denied', field: 'filters.inboxes[0]' })
  })

  it('answers 404 for an unknown user or inbox', async () => {
    const { member } = pick().inboxWithOutsider()
    expect((await list({ id: 999_999, filters: {} })).body).toMatchObject({ error: 'not_found', field: 'id' })
    expect((await list({ id: member.id, filters: { inboxes: [1] } })).status).toBe(404)
  })

  it('treats id 0 as the team credentials: every inbox, as in the docs example', async () => {
    const all = pick().conversations().length
    const { status, body } = await list({ id: 0, filters: {}, limit: 100 })
    expect(status).toBe(200)
    expect(body).toHaveLength(Math.min(100, all))
    const inboxIds = new Set(pick().inboxes().map((i) => i.id))
    const { body: docsExample } = await list({ id: 0, filters: { inboxes: [[...inboxIds][0]] }, date: '2026-04-12T15:30:00Z' })
    expect(Array.isArray(docsExample)).toBe(true)
  })

  it('filters.closed: true lists closed only, false open only, absent both', async () => {
    const all = (await list({ id: 0, filters: {}, limit: 100 })).body
    const closed = (await list({ id: 0, filters: { closed: true }, limit: 100 })).body
    const open = (await list({ id: 0, filters: { closed: false }, limit: 100 })).body
    expect(closed.length).toBeGreaterThan(0)
    expect(open.length).toBeGreaterThan(0)
    expect(closed.every((c) => c.status === 'closed')).toBe(true)
    expect(open.every((c) => c.status === 'open')).toBe(true)
    expect(all.some((c) => c.status === 'open') && all.some((c) => c.status === 'closed')).toBe(true)
  })

  it('filters.unread: true lists those unread for the acting user; false applies no filter', async () => {
    const unreadConversation = pick().conversations((c) => c.unread_users.length > 0)[0]!
    const user = unreadConversation.unread_users[0]!
    const unread = (await list({ id: user, filters: { unread: true }, limit: 100 })).body
    expect(unread.map((c) => c.id)).toContain(unreadConversation.id)
    expect(unread.every((c) => c.unread && c.unread_users.includes(user))).toBe(true)
    const expected = pick().conversations((c) => c.unread_users.includes(user)).length
    expect(unread).toHaveLength(Math.min(100, expected))
    const everything = (await list({ id: user, filters: {}, limit: 100 })).body
    expect((await list({ id: user, filters: { unread: false }, limit: 100 })).body).toEqual(everything)
  })

  it('shows read and unread from the acting user: read is when they last read it', async () => {
    const conversation = pick().conversations(
      (c) => c.unread_users.length > 0 && Object.keys(c.read_by).some((id) => !c.unread_users.includes(Number(id))),
    )[0]!
    const inbox = pick().inboxes().find((i) => i.id === conversation.inbox)!
    const reader = Number(Object.keys(conversation.read_by).find((id) => !conversation.unread_users.includes(Number(id))))
    const unreadUser = conversation.unread_users[0]!
    const seenBy = async (id: number) =>
      (await list({ id, filters: { inboxes: [inbox.id] }, limit: 100, date: '2030-01-01T00:00:00Z' })).body.find((c) => c.id === conversation.id)
    const asUnreadUser = await seenBy(unreadUser)
    expect(asUnreadUser?.unread).toBe(true)
    expect(asUnreadUser?.read).toBe(conversation.read_by[String(unreadUser)] ?? 0)
    if (inbox.members.includes(reader)) {
      const asReader = await seenBy(reader)
      expect(asReader?.unread).toBe(false)
      expect(asReader?.read).toBe(conversation.read_by[String(reader)])
    }
  })

  it('embeds members as {id, name} objects and carries every field of the spec', async () => {
    const { body } = await list({ id: 0, filters: {}, limit: 100 })
    const withMembers = body.find((c) => c.members.length > 0)!
    for (const member of withMembers.members) expect(Object.keys(member).sort()).toEqual(['id', 'name'])
    const keys = [
      'id', 'channel', 'status', 'assigned', 'inbox', 'target', 'members', 'created', 'updated', 'read', 'replied', 'blocked',
      'muted', 'snooze_till', 'creator', 'email_noti', 'last_inbound', 'local_id', 'name', 'noreply', 'op', 'super',
      'support', 'type', 'unread', 'unread_users', 'last_msg',
    ]
    for (const key of keys) expect(withMembers).toHaveProperty(key)
    expect(typeof withMembers.read).toBe('number')
    expect(typeof withMembers.last_inbound).toBe('number')
  })

  it('requires id and filters, as the docs do', async () => {
    expect((await api.post('/v1/conversations', { filters: {} })).body).toMatchObject({ error: 'bad_data', field: 'id' })
    expect((await api.post('/v1/conversations', { id: 0 })).body).toMatchObject({ error: 'bad_data', field: 'filters' })
  })
})

describe('POST /v1/conversations/count', () => {
  it('answers the number as a JSON string, with the same filters and cursor as the list', async () => {
    const { inbox, member } = pick().inboxWithOutsider()
    const expected = pick().conversations((c) => c.inbox === inbox.id && c.status === 'open').length
    const { status, body, text } = await api.post('/v1/conversations/count', { id: member.id, filters: { inboxes: [inbox.id], closed: false } })
    expect(status).toBe(200)
    expect(text).toBe(JSON.stringify(String(expected)))
    expect(body).toBe(String(expected))
    expect((await api.post('/v1/conversations/count', {})).body).toBe(String(pick().conversations().length))
    const before = await api.post('/v1/conversations/count', { date: '2001-01-01T00:00:00Z' })
    expect(before.body).toBe('0')
  })
})

describe('GET /v1/conversations/{id}', () => {
  it('answers one conversation, or 404 for an unknown id and 400 for a non-integer one', async () => {
    const conversation = pick().conversations()[3]!
    const found = await api.get<Conversation>(`/v1/conversations/${conversation.id}`)
    expect(found.status).toBe(200)
    expect(found.body).toMatchObject({ id: conversation.id, inbox: conversation.inbox, target: conversation.target, updated: conversation.updated })
    expect((await api.get('/v1/conversations/123')).body).toMatchObject({ error: 'not_found', field: 'id' })
    expect((await api.get('/v1/conversations/abc')).body).toMatchObject({ error: 'bad_data', field: 'id' })
  })
})
