import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseTimestamp, type Conversation } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'
import { cast } from './support/fixtures.js'

// A frozen clock rather than the test clock: these tests do arithmetic on exact instants.
const { mock } = useHeymarketMock({ seed: 88, size: { conversations: 40 }, clock: { start: '2026-11-02T17:07:00Z' } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const pick = () => cast(mock)
const NOW = '2026-11-02T17:07:00Z'
beforeEach(() => mock.clock.set(NOW))

type Scheduled = { id: number; execute: string; inbox_id: number; meta: { content: { text?: string } }; rev: number }

function scheduleBody(extra: Record<string, unknown> = {}) {
  const inbox = pick().inboxes()[0]!
  return { inbox_id: inbox.id, execute_at: '2026-11-02T17:30:00Z', content: { text: 'See you soon' }, phone_number: '14155550200', ...extra }
}

describe('scheduled messages', () => {
  it('are created, read, replaced (rev goes up) and cancelled', async () => {
    const created = await api.post<Scheduled>('/v1/schedule', scheduleBody())
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ execute: '2026-11-02T17:30:00Z', meta: { content: { text: 'See you soon' } }, rev: 1 })
    expect((await api.get<Scheduled>(`/v1/schedule/${created.body.id}`)).body).toEqual(created.body)
    const replaced = await api.call<Scheduled>('PUT', `/v1/schedule/${created.body.id}`, scheduleBody({ execute_at: '2026-11-02T18:00:00Z', content: { text: 'Later' } }))
    expect(replaced.body).toMatchObject({ execute: '2026-11-02T18:00:00Z', rev: 2, meta: { content: { text: 'Later' } } })
    expect((await api.call('DELETE', `/v1/schedule/${created.body.id}`)).body).toBe('ok')
    expect((await api.get(`/v1/schedule/${created.body.id}`)).status).toBe(404)
  })

  it('must be at least 15 minutes ahead and on a quarter hour (400 naming execute_at)', async () => {
    for (const execute_at of ['2026-11-02T17:15:00Z', '2026-11-02T17:40:00Z', '2026-11-02T17:45:30Z', '2026-11-02T17:45:00.5Z', 'tomorrow']) {
      const { status, body } = await api.post('/v1/schedule', scheduleBody({ execute_at }))
      expect(status, execute_at).toBe(400)
      expect(body, execute_at).toMatchObject({ field: 'execute_at' })
    }
    expect((await api.post('/v1/schedule', scheduleBody({ execute_at: '2026-11-02T17:15:00-00:00', phone_number: undefined }))).status).toBe(400)
  })

  it('need one recipient and some content', async () => {
    expect((await api.post('/v1/schedule', scheduleBody({ phone_number: undefined }))).body).toMatchObject({ field: 'phone_number' })
    expect((await api.post('/v1/schedule', scheduleBody({ conversation_id: 1 }))).body).toMatchObject({ field: 'conversation_id' })
    expect((await api.post('/v1/schedule', scheduleBody({ content: {} }))).body).toMatchObject({ field: 'content.text' })
  })

  it('go out when the mock clock passes their time, dated then, and leave the schedule', async () => {
    const { body } = await api.post<Scheduled>('/v1/schedule', scheduleBody())
    mock.clock.advance({ minutes: 22 })
    expect((await api.get(`/v1/schedule/${body.id}`)).status).toBe(200)
    mock.clock.advance({ minutes: 1 })
    await mock.settle()
    const conversation = mock.db.conversation.findFirst((q) => q.where({ target: '14155550200' }))!
    expect(conversation).toMatchObject({ replied: true, updated: '2026-11-02T17:30:00Z' })
    const sent = mock.db.message.findMany((q) => q.where({ conversation_id: conversation.id }))
    expect(sent).toMatchObject([{ text: 'See you soon', type: 'outbound', date: '2026-11-02T17:30:00Z' }])
    expect((await api.get(`/v1/schedule/${body.id}`)).status).toBe(404)
  })

  it('are sent by the team owner unless user_id says otherwise', async () => {
    const owner = pick().users().find((u) => u.role === 'owner')!
    await api.post('/v1/schedule', scheduleBody())
    mock.clock.advance({ hours: 1 })
    const list = await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 1 })
    expect(list.body[0]!.target).toBe('14155550200')
    const sent = mock.db.message.findFirst((q) => q.where({ conversation_id: list.body[0]!.id }))!
    expect(sent.user).toBe(owner.id)
  })

  it('that can no longer be sent (the customer opted out) are dropped with a warning, not retried forever', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { body } = await api.post<Scheduled>('/v1/schedule', scheduleBody())
    await mock.db.contact.create({ phone: '14155550200', is_opted_out: true })
    mock.clock.advance({ hours: 1 })
    await mock.settle()
    expect(mock.db.scheduled.findFirst((q) => q.where({ id: body.id }))).toBeUndefined()
    expect(mock.db.conversation.findFirst((q) => q.where({ target: '14155550200' }))).toBeUndefined()
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be sent/))
    warn.mockRestore()
  })

  it('seeded ones exist and are not overdue when a mock starts', async () => {
    const seeded = mock.db.scheduled.findMany()
    expect(seeded.length).toBeGreaterThan(0)
    for (const item of seeded) expect(parseTimestamp(item.execute)!).toBeGreaterThan(parseTimestamp(NOW)!)
  })
})

describe('snooze and mute (no endpoints in the API: mock.simulate and the db)', () => {
  it('a snooze hides nothing: the conversation keeps its place in the list', async () => {
    const open = pick().conversations((c) => c.status === 'open' && !c.snooze_till)[0]!
    const before = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 100 })).body.map((c) => c.id)
    const snoozed = await mock.simulate.snooze(open.id, '2026-11-03T09:00:00Z')
    expect(snoozed.snooze_till).toBe('2026-11-03T09:00:00Z')
    const after = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 100 })).body
    expect(after.map((c) => c.id)).toEqual(before)
    expect(after.find((c) => c.id === open.id)!.snooze_till).toBe('2026-11-03T09:00:00Z')
  })

  it('ends when the clock passes it: cleared, unread again, back on top', async () => {
    const open = pick().conversations((c) => c.status === 'open' && c.assigned !== 0)[0]!
    await mock.simulate.snooze(open.id, '2026-11-02T18:00:00Z')
    await api.post('/v1/conversations/read', { chat_id: open.id, user_id: open.assigned })
    mock.clock.set('2026-11-02T18:05:00Z')
    const top = (await api.post<Conversation[]>('/v1/conversations', { id: open.assigned, filters: {}, limit: 1 })).body[0]!
    expect(top).toMatchObject({ id: open.id, snooze_till: '', unread: true, updated: '2026-11-02T18:05:00Z' })
  })

  it('ends when the customer writes', async () => {
    const open = pick().conversations((c) => c.status === 'open' && !c.blocked)[0]!
    await mock.simulate.snooze(open.id, '2026-11-05T09:00:00Z')
    await mock.simulate.inbound({ conversation_id: open.id, text: 'Still there?' })
    expect(mock.db.conversation.findFirst((q) => q.where({ id: open.id }))!.snooze_till).toBe('')
  })

  it('refuses a time that is not in the future', async () => {
    const open = pick().conversations((c) => c.status === 'open')[0]!
    await expect(mock.simulate.snooze(open.id, '2026-11-02T17:00:00Z')).rejects.toMatchObject({ field: 'until' })
  })

  it('mute is recorded and returned, and changes nothing else', async () => {
    const conversation = pick().conversations((c) => !c.muted)[0]!
    const muted = await mock.simulate.mute(conversation.id)
    expect(muted.muted).toBe(true)
    expect((await api.get<Conversation>(`/v1/conversations/${conversation.id}`)).body).toMatchObject({ muted: true, updated: conversation.updated })
    expect((await mock.simulate.mute(conversation.id, false)).muted).toBe(false)
  })
})
