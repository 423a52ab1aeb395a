import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Conversation } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'
import { cast } from './support/fixtures.js'

const { mock } = useHeymarketMock({ seed: 55, size: { conversations: 40 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const pick = () => cast(mock)

describe('writing to mock.db directly', () => {
  it('creates a conversation with sensible defaults that the next request sees, at the top when newest', async () => {
    const inbox = pick().inboxes()[0]!
    const created = await mock.db.conversation.create({ inbox: inbox.id, target: '14155550123', updated: '2030-01-01T00:00:00Z' })
    expect(created).toMatchObject({ status: 'open', channel: 'sms', assigned: 0, members: [], unread_users: [] })
    expect(created.id).toBeGreaterThan(Math.max(...pick().conversations((c) => c.id !== created.id).map((c) => c.id)))
    const top = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 1 })).body[0]
    expect(top).toMatchObject({ id: created.id, target: '14155550123' })
    expect((await api.get(`/v1/conversations/${created.id}`)).status).toBe(200)
  })

  it('refuses to create a second record with an id that is taken, saying so', async () => {
    const existing = pick().conversations()[0]!
    await expect(mock.db.conversation.create({ id: existing.id, inbox: existing.inbox, target: '14155550124' })).rejects.toThrow(/already taken/)
    expect(pick().conversations((c) => c.id === existing.id)).toHaveLength(1)
  })

  it('sees updates made with db.update in the list order and filters', async () => {
    const oldest = pick().conversations().sort((a, b) => Date.parse(a.updated) - Date.parse(b.updated))[0]!
    await mock.db.conversation.update((q) => q.where({ id: oldest.id }), {
      data(draft) {
        draft.updated = '2031-01-01T00:00:00Z'
        draft.status = 'closed'
      },
    })
    const closedTop = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: { closed: true }, limit: 1 })).body[0]
    expect(closedTop).toMatchObject({ id: oldest.id, status: 'closed', updated: '2031-01-01T00:00:00Z' })
    // and the API's own writes after it land on the record the collection holds
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: oldest.inbox }))!
    await api.post('/v1/conversations/open', { chat_id: oldest.id, inbox_id: oldest.inbox, user_id: inbox.members[0] })
    expect(mock.db.conversation.findFirst((q) => q.where({ id: oldest.id }))!.status).toBe('open')
  })

  it('regression: writes after a db.update that changed nothing still reach the collection', async () => {
    // @msw/data replaces the record object even when an update changes nothing, and fires no hook then.
    const open = pick().conversations((c) => c.status === 'open')[0]!
    await mock.db.conversation.update((q) => q.where({ id: open.id }), { data: (draft) => void (draft.status = 'open') })
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: open.inbox }))!
    await api.post('/v1/conversations/close', { chat_id: open.id, inbox_id: open.inbox, user_id: inbox.members[0] })
    expect(mock.db.conversation.findFirst((q) => q.where({ id: open.id }))!.status).toBe('closed')
    const closedIds = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: { closed: true }, limit: 100 })).body.map((c) => c.id)
    expect(closedIds).toContain(open.id)
  })

  it("tells a listener on a collection's create hook of the records the API makes, with the stored values", async () => {
    const conversation = pick().conversations((c) => c.status === 'open' && c.channel === 'sms')[0]!
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!
    const seen: { id: number; text: string; conversation_id: number }[] = []
    const listener = (event: { data: { record: { id: number; text: string; conversation_id: number } } }) => void seen.push(event.data.record)
    mock.db.message.hooks.on('create', listener as never)
    try {
      const sent = await api.post<{ id: number }>('/v1/message/send', { inbox_id: inbox.id, creator_id: inbox.members[0], chat_id: conversation.id, text: 'Seen by the hook' })
      expect(sent.status).toBe(200)
      expect(seen).toEqual([expect.objectContaining({ id: sent.body.id, text: 'Seen by the hook', conversation_id: conversation.id })])
      // The record the listener got is the one the store keeps.
      expect(mock.db.message.findFirst((q) => q.where({ id: sent.body.id }))).toBe(seen[0])
    } finally {
      mock.db.message.hooks.removeListener('create', listener as never)
    }
    // Without the listener, the API's records still land in the collection.
    const again = await api.post<{ id: number }>('/v1/message/send', { inbox_id: inbox.id, creator_id: inbox.members[0], chat_id: conversation.id, text: 'Unheard' })
    expect(mock.db.message.findFirst((q) => q.where({ id: again.body.id }))).toMatchObject({ text: 'Unheard', conversation_id: conversation.id })
    expect(seen).toHaveLength(1)
  })

  it('undoes every write of a request that fails half-way (an update listener that throws), nested fields included', async () => {
    const conversation = pick().conversations((c) => c.status === 'open' && c.channel === 'sms' && c.members.length > 0)[0]!
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!
    // A sender not yet among the members: the send gives the conversation a new members list, read_by, last_msg.
    const sender = inbox.members.find((id) => !conversation.members.some((member) => member.id === id)) ?? inbox.members[0]!
    // A first write that succeeds, so the failing one meets a record already changed since the seed.
    expect((await api.post('/v1/conversations/close', { inbox_id: inbox.id, chat_id: conversation.id, user_id: sender })).status).toBe(200)
    const before = JSON.stringify(await mock.exportDataset())
    const stored = JSON.stringify(mock.db.conversation.findFirst((q) => q.where({ id: conversation.id })))
    const failing = () => {
      throw new Error('a listener failed')
    }
    mock.db.conversation.hooks.on('update', failing as never)
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const sent = await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id: sender, chat_id: conversation.id, text: 'Never stored' })
      expect(sent.status).toBe(500)
    } finally {
      mock.db.conversation.hooks.removeListener('update', failing as never)
      quiet.mockRestore()
    }
    expect(JSON.stringify(mock.db.conversation.findFirst((q) => q.where({ id: conversation.id })))).toBe(stored)
    expect(JSON.stringify(await mock.exportDataset())).toBe(before)
    expect(mock.db.message.findFirst((q) => q.where({ text: 'Never stored' }))).toBeUndefined()
    // The same send without the failing listener goes through, and moves the conversation.
    const again = await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id: sender, chat_id: conversation.id, text: 'Stored' })
    expect(again.status).toBe(200)
    expect(mock.db.conversation.findFirst((q) => q.where({ id: conversation.id }))!.members.map((member) => member.id)).toContain(sender)
  })

  it('forgets deleted conversations: 404 and gone from the list', async () => {
    const victim = pick().conversations()[5]!
    mock.db.conversation.delete((q) => q.where({ id: victim.id }))
    expect((await api.get(`/v1/conversations/${victim.id}`)).status).toBe(404)
    const all = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 100 })).body
    expect(all.map((c) => c.id)).not.toContain(victim.id)
  })

  it('resets quickly and exactly after many records were created (a test that sent a lot)', async () => {
    const seeded = JSON.stringify(await mock.exportDataset())
    const messagesBefore = mock.db.message.count()
    const inbox = pick().inboxes()[0]!
    for (let i = 0; i < 60; i++) {
      await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id: inbox.members[0], phone_number: `141555502${String(i).padStart(2, '0')}`, text: `hello ${i}` })
    }
    expect(mock.db.message.count()).toBe(messagesBefore + 60)
    await mock.reset()
    expect(mock.db.message.count()).toBe(messagesBefore)
    expect(JSON.stringify(await mock.exportDataset())).toBe(seeded)
    const page = await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 100 })
    expect(page.body.some((c) => c.target.startsWith('141555502'))).toBe(false)
  })

  it('is back to the seeded state after reset: created gone, updated restored, deleted back', async () => {
    const seeded = JSON.stringify(await mock.exportDataset())
    const [a, b] = pick().conversations()
    await mock.db.conversation.create({ inbox: a!.inbox, target: '14155550125' })
    await mock.db.conversation.update((q) => q.where({ id: a!.id }), { data: (draft) => void (draft.name = 'Changed') })
    mock.db.conversation.delete((q) => q.where({ id: b!.id }))
    await api.post('/v1/conversations/transfer', { conversation_id: a!.id, transfer_inbox_id: pick().inboxes().find((i) => i.id !== a!.inbox)!.id })
    await mock.simulate.inbound({ from: '14155550126', text: 'new here' })
    await mock.reset()
    expect(JSON.stringify(await mock.exportDataset())).toBe(seeded)
    const list = await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 100 })
    expect(list.body.map((c) => c.id)).toContain(b!.id)
    // ids continue from the seed again
    const next = await mock.db.conversation.create({ inbox: a!.inbox, target: '14155550127' })
    expect(next.id).toBe(Math.max(...JSON.parse(seeded).conversations.map((c: { id: number }) => c.id)) + 1)
  })
})
