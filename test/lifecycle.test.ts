import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatTimestamp, parseTimestamp, type Conversation, type ConversationRecord, type WebhookEvent } from '../src/core/index.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'
import { cast } from './support/fixtures.js'

const { mock } = useHeymarketMock({ seed: 33, size: { conversations: 120 } }, { beforeAll, afterEach, afterAll })
const api = createApi()
const pick = () => cast(mock)
// Shortly after the seeded history ends (2026-11-02T17:00Z), before any seeded schedule or snooze is due.
const NOW = '2026-11-02T17:10:00Z'

beforeEach(() => mock.clock.set(NOW))

function record(id: number): ConversationRecord {
  return mock.db.conversation.findFirst((q) => q.where({ id }))!
}
async function fetched(id: number): Promise<Conversation> {
  return (await api.get<Conversation>(`/v1/conversations/${id}`)).body
}
function memberOf(conversation: ConversationRecord, skip = 0): number {
  return mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!.members[skip]!
}
function events() {
  const seen: WebhookEvent[] = []
  const stop = mock.on('*', (event) => seen.push(event))
  return { seen, stop }
}

describe('closing and opening', () => {
  it('closes an open conversation, moving updated to the mock clock, and answers "ok"', async () => {
    const open = pick().conversations((c) => c.status === 'open')[0]!
    const { seen } = events()
    const { status, text } = await api.post('/v1/conversations/close', { chat_id: open.id, inbox_id: open.inbox, user_id: memberOf(open) })
    expect(status).toBe(200)
    expect(text).toBe('"ok"')
    const after = await fetched(open.id)
    expect(after.status).toBe('closed')
    expect(after.updated).toBe(NOW)
    expect(seen.map((e) => e.type)).toEqual(['chat_closed'])
  })

  it('reopens a closed conversation the same way', async () => {
    const closed = pick().conversations((c) => c.status === 'closed')[0]!
    await api.post('/v1/conversations/open', { chat_id: closed.id, inbox_id: closed.inbox, user_id: memberOf(closed) })
    expect(await fetched(closed.id)).toMatchObject({ status: 'open', updated: NOW })
  })

  it('finds the conversation by inbox_id + target as well as by chat_id', async () => {
    const open = pick().conversations((c) => c.status === 'open' && c.channel === 'sms')[0]!
    await api.post('/v1/conversations/close', { inbox_id: open.inbox, target: open.target, user_id: memberOf(open) })
    expect(record(open.id).status).toBe('closed')
    await api.post('/v1/conversations/open', { inbox_id: open.inbox, target: `+${open.target}`, user_id: memberOf(open) })
    expect(record(open.id).status).toBe('open')
  })

  it('finds a group conversation by its targets in any order', async () => {
    const group = pick().conversations((c) => c.channel === 'mms' && c.targets !== undefined)[0]!
    const targets = Object.keys(group.targets!).reverse()
    const action = group.status === 'open' ? 'close' : 'open'
    expect((await api.post(`/v1/conversations/${action}`, { inbox_id: group.inbox, targets, user_id: memberOf(group) })).status).toBe(200)
    expect(record(group.id).status).toBe(action === 'close' ? 'closed' : 'open')
  })

  it('treats closing a closed conversation as done: "ok", and nothing moves', async () => {
    const closed = pick().conversations((c) => c.status === 'closed')[0]!
    const { seen } = events()
    const { status } = await api.post('/v1/conversations/close', { chat_id: closed.id, inbox_id: closed.inbox, user_id: memberOf(closed) })
    expect(status).toBe(200)
    expect(record(closed.id).updated).toBe(closed.updated)
    expect(seen).toEqual([])
  })

  it('refuses a chat_id that is not in the given inbox_id with 404, and an unknown target with 404', async () => {
    const [a] = pick().conversations((c) => c.inbox === pick().inboxes()[0]!.id)
    const otherInbox = pick().inboxes()[1]!
    const wrong = await api.post('/v1/conversations/close', { chat_id: a!.id, inbox_id: otherInbox.id, user_id: otherInbox.members[0] })
    expect(wrong.body).toMatchObject({ error: 'not_found', field: 'chat_id' })
    const unknown = await api.post('/v1/conversations/close', { inbox_id: a!.inbox, target: '14155550000', user_id: memberOf(a!) })
    expect(unknown.body).toMatchObject({ error: 'not_found', field: 'target' })
  })

  // Docs, /api-reference/conversations/open-close: "inbox_id: required", "user_id: required", and chat_id is
  // "required if target is not provided": inbox_id is required beside chat_id too.
  it('requires inbox_id and user_id (inbox_id also beside chat_id), and chat_id or target', async () => {
    const open = pick().conversations((c) => c.status === 'open')[0]!
    const before = record(open.id)
    expect((await api.post('/v1/conversations/close', { chat_id: open.id, user_id: memberOf(open) })).body).toMatchObject({ error: 'bad_data', field: 'inbox_id' })
    expect((await api.post('/v1/conversations/open', { chat_id: open.id, user_id: memberOf(open) })).body).toMatchObject({ error: 'bad_data', field: 'inbox_id' })
    expect((await api.post('/v1/conversations/close', { chat_id: open.id, inbox_id: open.inbox })).body).toMatchObject({ error: 'bad_data', field: 'user_id' })
    expect((await api.post('/v1/conversations/close', { user_id: memberOf(open) })).body).toMatchObject({ error: 'bad_data', field: 'inbox_id' })
    expect((await api.post('/v1/conversations/close', { user_id: memberOf(open), inbox_id: open.inbox })).body).toMatchObject({
      error: 'bad_data',
      field: 'target',
    })
    expect(record(open.id)).toEqual(before)
  })

  it('refuses with 403 a user who is not a member of the inbox, and changes nothing', async () => {
    const { inbox, outsider } = pick().inboxWithOutsider()
    const open = pick().conversations((c) => c.inbox === inbox.id && c.status === 'open')[0]!
    const { status, body } = await api.post('/v1/conversations/close', { chat_id: open.id, inbox_id: open.inbox, user_id: outsider.id })
    expect(status).toBe(403)
    expect(body).toMatchObject({ error: 'denied', field: 'user_id' })
    expect(record(open.id)).toEqual(open)
  })
})

describe('read and unread', () => {
  it('marks read for the acting user only, records when, and leaves updated alone', async () => {
    const unread = pick().conversations((c) => c.unread_users.length >= 2)[0]!
    const [reader, other] = unread.unread_users as [number, number]
    await api.post('/v1/conversations/read', { chat_id: unread.id, user_id: reader })
    const after = record(unread.id)
    expect(after.unread_users).not.toContain(reader)
    expect(after.unread_users).toContain(other)
    expect(after.updated).toBe(unread.updated)
    const asReader = (await api.post<Conversation[]>('/v1/conversations', { id: reader, filters: { inboxes: [unread.inbox] }, date: formatTimestamp(parseTimestamp(unread.updated)! + 1), limit: 1 })).body[0]!
    expect(asReader).toMatchObject({ id: unread.id, unread: false, read: Math.floor(parseTimestamp(NOW)! / 1e6) })
  })

  it('marks unread again for the acting user only, without moving updated', async () => {
    const read = pick().conversations((c) => c.unread_users.length === 0 && c.status === 'open')[0]!
    const user = memberOf(read)
    await api.post('/v1/conversations/unread', { inbox_id: read.inbox, target: read.target, user_id: user })
    expect(record(read.id).unread_users).toEqual([user])
    expect(record(read.id).updated).toBe(read.updated)
  })
})

describe('reassigning', () => {
  it('assigns to another member of the same inbox, adds them to members, and moves updated', async () => {
    const conversation = pick().conversations((c) => c.channel === 'sms')[0]!
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!
    const assignee = inbox.members.find((id) => id !== conversation.assigned)!
    const { seen } = events()
    await api.post('/v1/conversations/reassign', { inbox_id: inbox.id, target: conversation.target, user_id: inbox.members[0], reassign_id: assignee })
    const after = await fetched(conversation.id)
    expect(after.assigned).toBe(assignee)
    expect(after.members.map((m) => m.id)).toContain(assignee)
    expect(after.updated).toBe(NOW)
    expect(seen.map((e) => e.type)).toEqual(['chat_reassigned'])
  })

  it('never leaves the inbox: a reassign_id outside it is refused naming the field', async () => {
    const { inbox, member, outsider } = pick().inboxWithOutsider()
    const conversation = pick().conversations((c) => c.inbox === inbox.id)[0]!
    const { status, body } = await api.post('/v1/conversations/reassign', { chat_id: conversation.id, inbox_id: conversation.inbox, user_id: member.id, reassign_id: outsider.id })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'bad_data', field: 'reassign_id' })
    expect(record(conversation.id)).toEqual(conversation)
  })

  it('unassigns with reassign_id 0', async () => {
    const assigned = pick().conversations((c) => c.assigned !== 0)[0]!
    await api.post('/v1/conversations/reassign', { chat_id: assigned.id, inbox_id: assigned.inbox, user_id: memberOf(assigned), reassign_id: 0 })
    expect(record(assigned.id).assigned).toBe(0)
  })
})

describe('transferring', () => {
  it('moves an SMS conversation to another inbox, unread for its members, assignee kept only if a member there', async () => {
    const inboxes = pick().inboxes()
    const conversation = pick().conversations(
      (c) => c.channel === 'sms' && c.inbox === inboxes[0]!.id && !mock.db.conversation.findFirst((q) => q.where({ inbox: inboxes[1]!.id, target: c.target })),
    )[0]!
    const { seen } = events()
    const { status, text } = await api.post('/v1/conversations/transfer', { conversation_id: conversation.id, transfer_inbox_id: inboxes[1]!.id })
    expect(status).toBe(200)
    expect(text).toBe('"ok"')
    const after = record(conversation.id)
    expect(after.inbox).toBe(inboxes[1]!.id)
    expect(after.updated).toBe(NOW)
    expect(after.unread_users).toEqual([...inboxes[1]!.members].sort((a, b) => a - b))
    expect(after.assigned === 0 || inboxes[1]!.members.includes(after.assigned)).toBe(true)
    expect(seen.map((e) => e.type)).toEqual(['chat_transferred'])
  })

  it('refuses a non-SMS conversation', async () => {
    const email = pick().conversations((c) => c.channel !== 'sms')[0]!
    const other = pick().inboxes().find((i) => i.id !== email.inbox)!
    const { status, body } = await api.post('/v1/conversations/transfer', { conversation_id: email.id, transfer_inbox_id: other.id })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'bad_data', field: 'conversation_id' })
    expect((body as { message: string }).message).toMatch(/only SMS/)
  })

  it('refuses when the destination already has a conversation with the same customer', async () => {
    const inboxes = pick().inboxes()
    const source = pick().conversations((c) => c.channel === 'sms' && c.inbox === inboxes[0]!.id)[0]!
    await mock.db.conversation.create({ inbox: inboxes[1]!.id, target: source.target })
    const { status, body } = await api.post('/v1/conversations/transfer', { conversation_id: source.id, transfer_inbox_id: inboxes[1]!.id })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'bad_data', field: 'transfer_inbox_id' })
    expect(record(source.id).inbox).toBe(inboxes[0]!.id)
  })

  it('answers 404 for an unknown conversation or inbox', async () => {
    const conversation = pick().conversations()[0]!
    expect((await api.post('/v1/conversations/transfer', { conversation_id: 1, transfer_inbox_id: conversation.inbox })).body).toMatchObject({
      error: 'not_found',
      field: 'conversation_id',
    })
    expect((await api.post('/v1/conversations/transfer', { conversation_id: conversation.id, transfer_inbox_id: 1 })).body).toMatchObject({
      error: 'not_found',
      field: 'transfer_inbox_id',
    })
  })
})

describe('a customer writes (mock.simulate.inbound)', () => {
  it('reopens a closed conversation, makes it unread for every member, and moves updated and last_inbound', async () => {
    const closed = pick().conversations((c) => c.status === 'closed' && c.channel === 'sms' && !c.blocked)[0]!
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: closed.inbox }))!
    const { seen } = events()
    const outcome = await mock.simulate.inbound({ conversation_id: closed.id, text: 'Are you there?' })
    expect(outcome).toMatchObject({ created: false, reopened: true })
    const after = await fetched(closed.id)
    expect(after.status).toBe('open')
    expect(after.updated).toBe(NOW)
    expect(after.last_inbound).toBe(Math.floor(parseTimestamp(NOW)! / 1e6))
    expect(after.unread_users).toEqual([...inbox.members].sort((a, b) => a - b))
    expect(after.last_msg).toBe('Are you there?')
    expect(seen.map((e) => e.type)).toEqual(['message_recieved', 'chat_opened'])
    expect(seen[0]!.event_data).toMatchObject({ text: 'Are you there?', type: 'inbound', conversation: { id: closed.id } })
  })

  it('puts the reopened conversation at the top of the list', async () => {
    const oldest = pick().conversations((c) => c.status === 'closed' && !c.blocked).sort((a, b) => parseTimestamp(a.updated)! - parseTimestamp(b.updated)!)[0]!
    await mock.simulate.inbound({ conversation_id: oldest.id, text: 'hello?' })
    const top = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 1 })).body[0]!
    expect(top.id).toBe(oldest.id)
  })

  it('starts a new open conversation for a number the inbox has not talked to', async () => {
    const inbox = pick().inboxes()[0]!
    const outcome = await mock.simulate.inbound({ from: '+1 (415) 555-0199'.replace(/[^\d+]/g, ''), inbox_id: inbox.id, text: 'Hi, first time here' })
    expect(outcome.created).toBe(true)
    expect(outcome.conversation).toMatchObject({ inbox: inbox.id, target: '14155550199', status: 'open', created: NOW, updated: NOW })
    const found = await api.post('/v1/conversations/close', { inbox_id: inbox.id, target: '14155550199', user_id: inbox.members[0] })
    expect(found.status).toBe(200)
  })

  it("stores a blocked contact's message hidden and changes nothing else", async () => {
    const closed = pick().conversations((c) => c.status === 'closed' && c.channel === 'sms')[0]!
    await mock.db.conversation.update((q) => q.where({ id: closed.id }), {
      data(draft) {
        draft.blocked = true
      },
    })
    const outcome = await mock.simulate.inbound({ conversation_id: closed.id, text: 'let me in' })
    expect(outcome).toMatchObject({ reopened: false, message: { hidden: true } })
    expect(record(closed.id)).toMatchObject({ status: 'closed', updated: closed.updated, unread_users: closed.unread_users })
  })

  it('refuses input without a sender or content, naming the field', async () => {
    await expect(mock.simulate.inbound({ text: 'x' })).rejects.toMatchObject({ field: 'from' })
    await expect(mock.simulate.inbound({ from: '14155550100' })).rejects.toMatchObject({ field: 'text' })
    await expect(mock.simulate.inbound({ from: 'not a number', text: 'x' })).rejects.toMatchObject({ field: 'from' })
  })
})

describe('the clock', () => {
  it('flows on from where it was set after resume(), and follows the wall clock after useRealTime()', async () => {
    const [first, second] = pick().conversations((c) => c.status === 'open')
    mock.clock.resume()
    await api.post('/v1/conversations/close', { chat_id: first!.id, inbox_id: first!.inbox, user_id: memberOf(first!) })
    const resumed = parseTimestamp(record(first!.id).updated)! - parseTimestamp(NOW)!
    expect(resumed).toBeGreaterThan(0)
    expect(resumed).toBeLessThan(5_000_000)
    mock.clock.useRealTime()
    const before = Date.now()
    await api.post('/v1/conversations/close', { chat_id: second!.id, inbox_id: second!.inbox, user_id: memberOf(second!) })
    const real = Date.parse(record(second!.id).updated)
    expect(real).toBeGreaterThanOrEqual(before - 1)
    expect(real).toBeLessThanOrEqual(Date.now() + 1)
  })

  it('advances by a duration, and reset brings it back to how the mock was created', async () => {
    mock.clock.advance({ hours: 2, minutes: 30 })
    expect(mock.clock.timestamp()).toBe('2026-11-02T19:40:00Z')
    expect(() => mock.clock.advance(-1)).toThrow(/non-negative/)
    expect(() => mock.clock.set('next tuesday')).toThrow(/not a valid instant/)
    await mock.reset()
    // useHeymarketMock's clock is the test clock: standing at the anchor, one second per write.
    expect(mock.clock.step).toBe(1000)
    expect(mock.clock.timestamp()).toBe('2026-11-02T17:00:00Z')
  })
})
