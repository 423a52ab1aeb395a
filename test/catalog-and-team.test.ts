import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Inbox, Member, Team } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'

const { mock } = useHeymarketMock({ seed: 111, size: { conversations: 30 } }, { beforeAll, afterEach, afterAll })
const api = createApi()

type ListWire = { id: number; name: string; targets: Record<string, { f?: string; l?: string }>; rev: number }
type TemplateWire = { id: number; name: string; content: { text: string }; archived: boolean; rev: number }
type TagWire = { id: number; tag: string; color: string }

describe('inboxes, team and users', () => {
  it('lists the seeded inboxes and members, and their ids are the ones other endpoints accept', async () => {
    const inboxes = (await api.get<Inbox[]>('/v1/inboxes')).body
    const team = (await api.get<Team>('/v1/team')).body
    expect(inboxes.length).toBe(mock.db.inbox.count())
    expect(team.members.length).toBe(mock.db.user.count())
    expect(Object.keys(team).sort()).toEqual(['id', 'list_size', 'members', 'name'])
    for (const member of team.members) expect(Object.keys(member).sort()).toEqual(['email', 'id', 'name', 'role'])
    expect((await api.get<Member[]>('/v1/users')).body).toEqual(team.members)
    const inbox = inboxes[0]!
    expect(inbox.phone).toMatch(/^1\d{10}$/)
    const member = team.members.find((m) => inbox.members.includes(m.id))!
    const list = await api.post('/v1/conversations', { id: member.id, filters: { inboxes: [inbox.id] } })
    expect(list.status).toBe(200)
    const send = await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id: member.id, phone_number: '14155550400', text: 'hi' })
    expect(send.status).toBe(200)
  })

  // Docs, /api-reference/users: a membership is {id, phone, name, email, role_id, team_id, created_at, updated_at};
  // id is the member id (what creator_id takes), role_id the role's number (1 admin, 4 member).
  it('finds members by email or phone, as memberships with id and role_id', async () => {
    const user = mock.db.user.findFirst((q) => q.where({ role: 'member' }))!
    const team = mock.db.team.findFirst()!
    const { body } = await api.get<{ memberships: Record<string, unknown>[] }>(`/v1/users/get?email=${encodeURIComponent(user.email)}&phone=${user.phone}`)
    expect(body.memberships).toEqual([
      {
        id: user.id,
        phone: user.phone,
        name: user.name,
        email: user.email,
        role_id: 4,
        team_id: team.id,
        created_at: user.created_at,
        updated_at: user.updated_at,
        user_created_at: user.created_at,
        user_updated_at: user.updated_at,
      },
    ])
    expect((await api.get<{ memberships: unknown[] }>('/v1/users/get?email=nobody@example.com')).body.memberships).toEqual([])
  })

  // Docs, /api-reference/users-update: {users: [{id, first_name?, last_name?, role_id?}]} answers {memberships}.
  it('updates users from a users array, answering memberships, but never leaves the team without an owner', async () => {
    const [a, b] = mock.db.user.findMany((q) => q.where({ role: 'member' })).slice(0, 2)
    mock.clock.set('2026-11-20T10:00:00Z')
    const { status, body } = await api.post<{ memberships: { id: number; name: string; role_id: number; updated_at: string }[] }>('/v1/users/update', {
      users: [{ id: a!.id, first_name: 'Jane', last_name: 'Doe' }, { id: b!.id, role_id: 1 }],
    })
    expect(status).toBe(200)
    expect(body.memberships.map((m) => [m.id, m.name, m.role_id])).toEqual([[a!.id, 'Jane Doe', 4], [b!.id, b!.name, 1]])
    expect(body.memberships[0]!.updated_at).toBe('2026-11-20T10:00:00Z')
    expect(mock.db.user.findFirst((q) => q.where({ id: b!.id }))!.role).toBe('admin')
    const owner = mock.db.user.findFirst((q) => q.where({ role: 'owner' }))!
    expect((await api.post('/v1/users/update', { users: [{ id: owner.id, role_id: 4 }] })).body).toMatchObject({ field: 'users[0].role_id' })
    expect((await api.post('/v1/users/update', { users: [{ id: 1, first_name: 'x' }] })).body).toMatchObject({ error: 'not_found', field: 'users[0].id' })
    expect((await api.post('/v1/users/update', { id: a!.id, name: 'Flat' })).body).toMatchObject({ error: 'bad_data', field: 'users' })
    expect((await api.post('/v1/users/update', { users: [{ first_name: 'No id' }] })).body).toMatchObject({ error: 'bad_data', field: 'users[0].id' })
  })
})

describe('lists', () => {
  it('v2: creates from contacts, numbers and emails (unknown ones become contacts), idempotent by local_id', async () => {
    const contact = mock.db.contact.findFirst()!
    const before = mock.db.contact.count()
    const create = () => api.post<{ id: number; rev: number; uuid: string }>('/v2/lists', { title: 'Spring promo', local_id: 'promo-1', contacts: [contact.id], phones: ['14155550410'], emails: ['new@example.com'] })
    const { body } = await create()
    expect(mock.db.contact.count()).toBe(before + 2)
    expect((await create()).body).toEqual(body)
    const list = (await api.get<ListWire>(`/v1/list/${body.id}`)).body
    expect(Object.keys(list.targets).sort()).toEqual([contact.phone, '14155550410'].sort())
    const updated = await api.call<{ id: number; rev: number }>('PUT', `/v2/lists/${body.id}`, { title: 'Renamed', remove_phones: ['14155550410'], add_contacts: [contact.id] })
    expect(updated.body).toEqual({ id: body.id, rev: 2 })
    expect(Object.keys((await api.get<ListWire>(`/v1/list/${body.id}`)).body.targets)).toEqual([contact.phone])
    expect((await api.call('DELETE', `/v2/lists/${body.id}`)).body).toEqual({ deleted: true, id: body.id })
    expect((await api.get(`/v1/list/${body.id}`)).status).toBe(404)
    expect(mock.db.contact.findFirst((q) => q.where({ id: contact.id }))).toBeDefined()
    expect((await api.post('/v2/lists', { title: 'x', local_id: 'l2', contacts: [1] })).body).toMatchObject({ field: 'contacts[0]' })
  })

  it('v1: creates from a targets map, changes members with add_phone/remove_phone/members, pages by date', async () => {
    const { body } = await api.post<{ id: number }>('/v1/list', { title: 'Old style', targets: { '14155550420': { f: 'Dee', l: 'Ray' } } })
    await api.call('PUT', `/v1/list/${body.id}`, { title: 'Old style', add_phone: '14155550421' })
    let list = (await api.get<ListWire>(`/v1/list/${body.id}`)).body
    expect(list.targets).toEqual({ '14155550420': { f: 'Dee', l: 'Ray' }, '14155550421': { f: '', l: '' } })
    await api.call('PUT', `/v1/list/${body.id}`, { title: 'Old style', remove_phone: '14155550420' })
    list = (await api.get<ListWire>(`/v1/list/${body.id}`)).body
    expect(Object.keys(list.targets)).toEqual(['14155550421'])
    const page = (await api.post<ListWire[]>('/v1/lists', { limit: 1 })).body
    expect(page[0]!.id).toBe(body.id)
    expect((await api.call('DELETE', `/v1/list/${body.id}`)).body).toBe('ok')
  })
})

describe('templates, tags and surveys', () => {
  it('templates: create (title becomes name), get, replace, list newest first, archived only on request, delete', async () => {
    const { body } = await api.post<{ id: number; rev: number }>('/v1/template', { title: 'Welcome', content: { text: 'Welcome {{first_name}}!' } })
    expect((await api.get<TemplateWire>(`/v1/template/${body.id}`)).body).toMatchObject({ name: 'Welcome', content: { text: 'Welcome {{first_name}}!' }, archived: false })
    expect((await api.call('PUT', `/v1/template/${body.id}`, { title: 'Welcome back', content: { text: 'Hi' } })).body).toEqual({ id: body.id, rev: 2 })
    const listed = (await api.post<TemplateWire[]>('/v1/templates', {})).body
    expect(listed[0]).toMatchObject({ id: body.id, name: 'Welcome back' })
    expect(listed.every((t) => !t.archived)).toBe(true)
    expect((await api.post<TemplateWire[]>('/v1/templates', { archived: true })).body.every((t) => t.archived)).toBe(true)
    expect((await api.call('DELETE', `/v1/template/${body.id}`)).body).toBe('ok')
    expect((await api.get(`/v1/template/${body.id}`)).status).toBe(404)
    expect((await api.post('/v1/template', { content: { text: 'x' } })).body).toMatchObject({ field: 'title' })
  })

  it('tags: create, get, list, refuse duplicates and bad colors; deleting takes the tag off contacts', async () => {
    const { body } = await api.post<{ id: number }>('/v1/tag', { tag: 'Loyal', color: '#00aa00' })
    expect((await api.get<TagWire>(`/v1/tag/${body.id}`)).body).toMatchObject({ tag: 'Loyal', color: '#00AA00' })
    expect((await api.post('/v1/tag', { tag: 'loyal' })).body).toMatchObject({ field: 'tag' })
    expect((await api.post('/v1/tag', { tag: 'Other', color: 'green' })).body).toMatchObject({ field: 'color' })
    expect((await api.post<TagWire[]>('/v1/tags', { limit: 1 })).body[0]!.id).toBe(body.id)
    const contact = await mock.db.contact.create({ phone: '14155550430', tags: [{ tag_id: body.id }] })
    await api.call('DELETE', `/v1/tag/${body.id}`)
    expect(mock.db.contact.findFirst((q) => q.where({ id: contact.id }))!.tags).toEqual([])
  })

  it('surveys: pages from 1 and gets one', async () => {
    const all = (await api.post<{ id: number }[]>('/v1/surveys', {})).body
    expect(all.length).toBe(mock.db.survey.count())
    expect((await api.post('/v1/surveys', { limit: 1, page: 2 })).body).toEqual([all[1]])
    expect((await api.get(`/v1/survey/${all[0]!.id}`)).body).toEqual(all[0])
    expect((await api.post('/v1/surveys', { page: 0 })).body).toMatchObject({ field: 'page' })
  })
})
