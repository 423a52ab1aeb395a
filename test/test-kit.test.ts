/**
 * The test kit: the test clock, the request log, factories through the rules, and direct db writes that keep
 * the data consistent.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, type Conversation } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'

const { mock } = useHeymarketMock({ seed: 14, size: { conversations: 30 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const firstInbox = () => mock.db.inbox.findMany().sort((a, b) => a.id - b.id).find((inbox) => inbox.members.length > 1)!

describe('the test clock (the default of useHeymarketMock)', () => {
  it('starts at the anchor and moves one second per writing request; reads do not move it', async () => {
    expect(mock.clock.timestamp()).toBe('2026-11-02T17:00:00Z')
    await api.post('/v1/conversations', { id: 0, filters: {}, limit: 5 })
    expect(mock.clock.timestamp()).toBe('2026-11-02T17:00:00Z')
    const inbox = firstInbox()
    const first = await api.post<{ date: string }>('/v1/message/send', { inbox_id: inbox.id, creator_id: inbox.members[0], phone_number: '14155550901', text: 'one' })
    const second = await api.post<{ date: string }>('/v1/message/send', { inbox_id: inbox.id, creator_id: inbox.members[0], phone_number: '14155550901', text: 'two' })
    expect(first.body.date).toBe('2026-11-02T17:00:00Z')
    expect(second.body.date).toBe('2026-11-02T17:00:01Z')
  })

  it('gives byte-identical answers for the same scenario in two processes', () => {
    const scenario = `
      import { createHeymarketServer } from './src/node/index.ts'
      const { mock } = createHeymarketServer({ seed: 14, size: { conversations: 30 } })
      await mock.ready
      const inbox = mock.db.inbox.findMany().sort((a, b) => a.id - b.id)[0]
      const built = await mock.build.conversation({ inbox: inbox.id, traits: ['closed', 'unread'], messages: 5 })
      await mock.simulate.inbound({ from: '14155550777', text: 'hello' })
      const send = await mock.fetch('/v1/message/send', { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: JSON.stringify({ inbox_id: inbox.id, creator_id: inbox.members[0], chat_id: built.conversation.id, text: 'reply' }) })
      const list = await mock.fetch('/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 0, filters: {}, limit: 10 }) })
      process.stdout.write(JSON.stringify([built, await send.text(), await list.text(), mock.requests]))
    `
    const run = () => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', scenario], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8' })
    const [a, b] = [run(), run()]
    expect(a.length).toBeGreaterThan(1000)
    expect(a).toBe(b)
    // and no timestamp in it came from the computer's clock
    expect(a).not.toContain(new Date().toISOString().slice(0, 13))
  })

  it('is one option away from real time', async () => {
    const real = createHeymarketMock({ seed: 14, size: { conversations: 5 }, clock: { start: 'anchor', frozen: false } })
    expect(real.clock.frozen).toBe(false)
    expect(real.clock.step).toBeUndefined()
  })
})

describe('the request log', () => {
  it('records method, path, query, body as sent, status and request id; reset clears it', async () => {
    await api.post('/v1/conversations', { id: 0, filters: { closed: false }, limit: 3 })
    await api.get('/v1/contacts?limit=2')
    await api.get('/v1/no-such-thing')
    const [list, contacts, missing] = mock.requests
    expect(list).toMatchObject({ method: 'POST', path: '/v1/conversations', body: { filters: { closed: false } }, status: 200, operationId: 'listConversations' })
    expect(list!.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(contacts).toMatchObject({ method: 'GET', path: '/v1/contacts', query: { limit: '2' }, body: null })
    expect(missing).toMatchObject({ status: 404, operationId: null })
    await mock.reset()
    expect(mock.requests).toEqual([])
  })

  it('logs what a bad request sent, with its 400', async () => {
    await api.post('/v1/conversations', { id: 'x' })
    expect(mock.requests.at(-1)).toMatchObject({ status: 400, body: { id: 'x' } })
  })

  it('logs an empty body as the {} it reads as, a body that is not JSON as null, and a repeated query key as an array', async () => {
    const post = (body: string) => fetch('https://api.heymarket.com/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body })
    expect((await post('')).status).toBe(400)
    expect((await post('{"id": ')).status).toBe(400)
    expect((await post('42')).status).toBe(400)
    await api.get('/v1/contacts?limit=2&tag=a&tag=b')
    const [empty, broken, scalar, query] = mock.requests.slice(-4)
    expect(empty).toMatchObject({ body: {}, status: 400 })
    expect(broken).toMatchObject({ body: null, status: 400 })
    expect(scalar).toMatchObject({ body: null, status: 400 })
    expect(query!.query).toEqual({ limit: '2', tag: ['a', 'b'] })
  })

  it('hands out copies: changing what it returned changes nothing in the log', async () => {
    await api.post('/v1/conversations', { id: 0, filters: { closed: false }, limit: 3 })
    const first = mock.requests.at(-1)!
    ;(first.body as { limit: number }).limit = 99
    first.query.injected = 'yes'
    expect(mock.requests.at(-1)).toMatchObject({ body: { limit: 3 }, query: {} })
  })

  it('keeps the last requestLogLimit requests, oldest first', async () => {
    const small = createHeymarketMock({ seed: 14, size: { conversations: 5 }, requestLogLimit: 3 })
    for (let limit = 1; limit <= 5; limit++) {
      await small.fetch(new Request(`https://api.heymarket.com/v1/contacts?limit=${limit}`, { headers: { Authorization: 'Bearer t' } }))
    }
    expect(small.requests.map((entry) => entry.query.limit)).toEqual(['3', '4', '5'])
    const none = createHeymarketMock({ seed: 14, size: { conversations: 5 }, requestLogLimit: 0 })
    await none.fetch(new Request('https://api.heymarket.com/v1/contacts', { headers: { Authorization: 'Bearer t' } }))
    expect(none.requests).toEqual([])
  })
})

describe('factories (mock.build)', () => {
  it('builds a closed, unread conversation with five messages through the rules', async () => {
    const inbox = firstInbox()
    const assignee = inbox.members[1]!
    const built = await mock.build.conversation({ inbox: inbox.id, traits: ['closed', 'unread'], messages: 5, assignedTo: assignee })
    expect(built.messages.map((message) => message.type)).toEqual(['inbound', 'outbound', 'inbound', 'outbound', 'inbound'])
    expect(built.conversation).toMatchObject({ status: 'closed', assigned: assignee, inbox: inbox.id, last_msg: built.messages[4]!.text, replied: true })
    const stored = mock.db.conversation.findFirst((q) => q.where({ id: built.conversation.id }))!
    expect(stored.unread_users).toEqual([...inbox.members].sort((a, b) => a - b))
    // what the API answers agrees
    const listed = await api.post<Conversation[]>('/v1/conversations', { id: assignee, filters: { closed: true, unread: true }, limit: 100 })
    expect(listed.body.map((c) => c.id)).toContain(built.conversation.id)
    expect(mock.db.contact.findFirst((q) => q.where({ phone: built.conversation.target }))).toBeDefined()
  })

  it('builds group MMS and email threads, contacts and messages, with sequences that restart on reset', async () => {
    const group = await mock.build.groupConversation({ participants: 3, messages: 3 })
    expect(group.contacts).toHaveLength(3)
    expect(group.conversation.targets && Object.keys(group.conversation.targets)).toHaveLength(3)
    const email = await mock.build.emailThread({ subject: 'Your order', messages: 2 })
    expect(email.conversation).toMatchObject({ channel: 'email', target: 'customer1@example.com', name: 'Your order' })
    const contact = await mock.build.contact({ first: 'Ada' })
    const again = await mock.build.contact()
    expect(contact.phone).not.toBe(again.phone)
    const { message, conversation } = await mock.build.message({ conversation: email.conversation.id, type: 'inbound', text: 'Thanks!' })
    expect(conversation.last_msg).toBe('Thanks!')
    expect(message.type).toBe('inbound')
    await mock.reset()
    // The sequence starts again: the first number built after a reset is the first one built before it.
    const afterReset = await mock.build.contact({ first: 'Ada' })
    expect(afterReset.phone).toBe(group.contacts[0]!.phone)
  })

  it('refuses contradicting traits and unknown ones, naming the field, and changes nothing', async () => {
    const before = mock.db.conversation.count()
    await expect(mock.build.conversation({ traits: ['open', 'closed'] })).rejects.toMatchObject({ field: 'traits' })
    await expect(mock.build.conversation({ traits: ['sleepy' as never] })).rejects.toMatchObject({ field: 'traits' })
    await expect(mock.build.conversation({ traits: ['unread'], messages: 0 })).rejects.toMatchObject({ field: 'messages' })
    expect(mock.db.conversation.count()).toBe(before)
  })
})

describe('direct db writes', () => {
  it('refuse a conversation in an inbox that does not exist, naming the record and the field', async () => {
    const before = mock.db.conversation.count()
    await expect(mock.db.conversation.create({ inbox: 999_999, target: '14155550999' })).rejects.toThrow(/conversation \d+: "inbox" is 999999, and there is no inbox 999999/)
    expect(mock.db.conversation.count()).toBe(before)
    const existing = mock.db.conversation.findFirst()!
    await expect(mock.db.conversation.update((q) => q.where({ id: existing.id }), { data: (draft) => void (draft.inbox = 424242) })).rejects.toThrow(/"inbox" is 424242/)
    expect(mock.db.conversation.findFirst((q) => q.where({ id: existing.id }))!.inbox).toBe(existing.inbox)
  })

  it('refuse a message in a conversation that does not exist', async () => {
    await expect(mock.db.message.create({ conversation_id: 123, text: 'lost' })).rejects.toThrow(/message \d+: "conversation_id" is 123, and there is no conversation 123/)
  })

  it('an inbound message written directly moves its conversation as the rules would', async () => {
    const conversation = mock.db.conversation.findMany((q) => q.where({ status: 'closed' }))[0]!
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!
    const message = await mock.db.message.create({ conversation_id: conversation.id, type: 'inbound', status: 'received', text: 'Written by hand' })
    const after = mock.db.conversation.findFirst((q) => q.where({ id: conversation.id }))!
    expect(after).toMatchObject({ status: 'open', last_msg: 'Written by hand', updated: message.date, unread_users: [...inbox.members].sort((a, b) => a - b) })
    expect(after.last_inbound).toBe(Math.floor(Date.parse(message.date) / 1000))
    const stored = mock.db.message.findFirst((q) => q.where({ id: message.id }))!
    expect(stored).toMatchObject({ target: conversation.target, phone: inbox.phone })
  })
})
