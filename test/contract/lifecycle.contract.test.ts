import { beforeAll, describe, expect, it } from 'vitest'
import { HeymarketApiError, type Inbox, type OperationOutput } from '../../src/core/index.js'
import { client, listed, send, target } from './target.js'

/**
 * Writing: a send, the history it lands in, and every lifecycle transition of the conversation it makes.
 *
 * Against another server this runs only with HEYMARKET_CONTRACT_WRITE=1, in the inbox HEYMARKET_TEST_INBOX_ID, and
 * texts HEYMARKET_TEST_PHONE for real (two short messages per run). The cases run in order and share one conversation.
 */

const write = target.write
const SKIPPED = 'writing cases: off (set HEYMARKET_CONTRACT_WRITE=1, HEYMARKET_TEST_INBOX_ID and HEYMARKET_TEST_PHONE to run them)'

/** The failure a call ended in: the status and the error body. */
async function refusal(call: Promise<unknown>): Promise<HeymarketApiError> {
  const outcome = await call.then(
    (answer) => new Error(`expected a refusal, got ${JSON.stringify(answer)}`),
    (error: unknown) => error,
  )
  if (!(outcome instanceof HeymarketApiError)) throw outcome
  return outcome
}

describe.runIf(write)(`writing in a test inbox (${target.kind})`, () => {
  const { inboxId, phone, transferInboxId } = write ?? { inboxId: 0, phone: '' }
  const stamp = new Date().toISOString()
  let inbox: Inbox
  let userId: number
  let sent: OperationOutput<'sendMessage'>
  const at = () => ({ inbox_id: inboxId, user_id: userId, target: phone })
  const conversation = () => client.getConversation({ params: { id: String(sent.convo_id) } })

  beforeAll(async () => {
    const found = (await client.listInboxes()).find((candidate) => candidate.id === inboxId)
    if (!found) throw new Error(`The test inbox ${inboxId} is not among GET /v1/inboxes.`)
    inbox = found
    const member = target.userId ?? inbox.members[0]
    if (member === undefined) throw new Error(`The test inbox ${inboxId} has no members to act as.`)
    userId = member
  })

  it('POST /v1/message/send to a phone number answers id, date, convo_id, queued and compliance_results', async () => {
    sent = await client.sendMessage({
      body: { inbox_id: inboxId, creator_id: userId, phone_number: phone, text: `heymarket-mock contract test ${stamp}`, local_id: `contract-${stamp}` },
    })
    expect(sent.id).toBeGreaterThan(0)
    expect(sent.convo_id).toBeGreaterThan(0)
    expect(Number.isNaN(Date.parse(sent.date))).toBe(false)
    expect(typeof sent.queued).toBe('boolean')
  })

  it('the message heads the history of that number in that inbox, as an outbound message with its text', async () => {
    const [latest] = await client.getMessageHistory({ query: { phoneNumber: phone, inboxID: inboxId } })
    expect(latest).toMatchObject({ id: sent.id, type: 'outbound', text: `heymarket-mock contract test ${stamp}` })
    expect(latest!.conversation.id).toBe(sent.convo_id)
  })

  it('the conversation it went into is in that inbox, with that number, and replied', async () => {
    expect(await conversation()).toMatchObject({ id: sent.convo_id, inbox: inboxId, target: phone, replied: true })
  })

  it('sending again with the same local_id sends nothing new (idempotency by local_id)', async () => {
    const again = await client.sendMessage({
      body: { inbox_id: inboxId, creator_id: userId, phone_number: phone, text: `heymarket-mock contract test ${stamp}`, local_id: `contract-${stamp}` },
    })
    expect(again.id).toBe(sent.id)
    const history = await client.getMessageHistory({ query: { phoneNumber: phone, inboxID: inboxId } })
    expect(history.filter((message) => message.local_id === `contract-${stamp}`)).toHaveLength(1)
  })

  it('POST /v1/conversations/open answers "ok" and the conversation is open', async () => {
    expect(await client.openConversation({ body: { chat_id: sent.convo_id, inbox_id: inboxId, user_id: userId } })).toBe('ok')
    expect((await conversation()).status).toBe('open')
    expect(await listed(userId, { inboxes: [inboxId], closed: false }, sent.convo_id)).toBe(true)
  })

  it('POST /v1/conversations/close answers "ok"; the conversation is closed and listed with the closed ones', async () => {
    expect(await client.closeConversation({ body: { chat_id: sent.convo_id, inbox_id: inboxId, user_id: userId } })).toBe('ok')
    expect((await conversation()).status).toBe('closed')
    expect(await listed(userId, { inboxes: [inboxId], closed: true }, sent.convo_id)).toBe(true)
    expect(await listed(userId, { inboxes: [inboxId], closed: false }, sent.convo_id)).toBe(false)
  })

  it('closing a closed conversation answers "ok" again (mock decision: decisions/lifecycle.md)', async () => {
    expect(await client.closeConversation({ body: { chat_id: sent.convo_id, inbox_id: inboxId, user_id: userId } })).toBe('ok')
    expect((await conversation()).status).toBe('closed')
  })

  it('a team send into a closed conversation leaves it closed (mock decision: decisions/messages.md)', async () => {
    const reply = await client.sendMessage({ body: { inbox_id: inboxId, creator_id: userId, chat_id: sent.convo_id, text: `heymarket-mock contract test ${stamp} (2)` } })
    expect(reply.convo_id).toBe(sent.convo_id)
    expect((await conversation()).status).toBe('closed')
  })

  it('reopening answers "ok", and the conversation is back with the open ones', async () => {
    expect(await client.openConversation({ body: { chat_id: sent.convo_id, inbox_id: inboxId, user_id: userId } })).toBe('ok')
    expect((await conversation()).status).toBe('open')
    expect(await listed(userId, { inboxes: [inboxId], closed: false }, sent.convo_id)).toBe(true)
  })

  it('POST /v1/conversations/unread makes it unread for the acting user', async () => {
    expect(await client.markConversationUnread({ body: at() })).toBe('ok')
    expect(await listed(userId, { inboxes: [inboxId], unread: true }, sent.convo_id)).toBe(true)
  })

  it('POST /v1/conversations/read makes it read for the acting user again', async () => {
    expect(await client.markConversationRead({ body: at() })).toBe('ok')
    expect(await listed(userId, { inboxes: [inboxId], unread: true }, sent.convo_id)).toBe(false)
  })

  it('POST /v1/conversations/reassign gives it to another member of the inbox', async () => {
    const other = inbox.members.find((member) => member !== userId) ?? userId
    expect(await client.reassignConversation({ body: { ...at(), reassign_id: other } })).toBe('ok')
    expect((await conversation()).assigned).toBe(other)
  })

  it.runIf(transferInboxId !== undefined)('POST /v1/conversations/transfer moves it to another inbox, and back', async () => {
    expect(await client.transferConversation({ body: { conversation_id: sent.convo_id, transfer_inbox_id: transferInboxId! } })).toBe('ok')
    expect((await conversation()).inbox).toBe(transferInboxId)
    expect(await client.transferConversation({ body: { conversation_id: sent.convo_id, transfer_inbox_id: inboxId } })).toBe('ok')
    expect((await conversation()).inbox).toBe(inboxId)
  })

  it('refuses a send without content with 400 naming the field, and sends nothing', async () => {
    const before = await client.getMessageHistory({ query: { phoneNumber: phone, inboxID: inboxId } })
    const answer = await send('POST', '/v1/message/send', { body: { inbox_id: inboxId, creator_id: userId, phone_number: phone } })
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.body)).toMatch(/text/)
    const after = await client.getMessageHistory({ query: { phoneNumber: phone, inboxID: inboxId } })
    expect(after.map((message) => message.id)).toEqual(before.map((message) => message.id))
  })

  it('refuses a send naming both phone_number and chat_id with 400', async () => {
    const answer = await send('POST', '/v1/message/send', { body: { inbox_id: inboxId, creator_id: userId, phone_number: phone, chat_id: sent.convo_id, text: 'x' } })
    expect(answer.status).toBe(400)
  })

  it('refuses a sender who is not a member of the inbox with 403', async () => {
    const outsider = (await client.listUsers()).find((user) => !inbox.members.includes(user.id))
    if (!outsider) return expect((await client.listUsers()).every((user) => inbox.members.includes(user.id))).toBe(true)
    const error = await refusal(client.sendMessage({ body: { inbox_id: inboxId, creator_id: outsider.id, phone_number: phone, text: 'x' } }))
    expect(error.status).toBe(403)
  })

  it('refuses to close a conversation id that names nothing with 404 (mock decision: decisions/errors.md)', async () => {
    const error = await refusal(client.closeConversation({ body: { chat_id: 2147483646, inbox_id: inboxId, user_id: userId } }))
    expect(error.status).toBe(404)
  })
})

describe.skipIf(write)(SKIPPED, () => {
  it('are not run against this server: they would write to it', () => {
    expect(target.kind).toBe('external')
  })
})
