import { beforeAll, describe, expect, it } from 'vitest'
import type { Conversation } from '../../src/core/index.js'
import { client, readScope, target, walkConversations } from './target.js'

/** Reading message history. Only reads; safe against a live account. */

let conversation: Conversation

beforeAll(async () => {
  const { userId, inbox } = await readScope()
  const walk = await walkConversations(userId, { inboxes: [inbox.id] }, 50)
  const candidate = walk.items.find((item) => item.channel === 'sms' && item.last_msg !== '') ?? walk.items.find((item) => item.channel === 'sms')
  if (!candidate) throw new Error(`Inbox ${inbox.id} has no SMS conversation in its first ${walk.pages.length} pages to read the history of.`)
  conversation = candidate
})

describe(`GET /v1/messages (${target.kind})`, () => {
  it('answers up to 50 messages of the conversation with that phone number in that inbox, most recent first', async () => {
    const history = await client.getMessageHistory({ query: { phoneNumber: conversation.target, inboxID: conversation.inbox } })
    expect(history.length).toBeGreaterThan(0)
    expect(history.length).toBeLessThanOrEqual(50)
    for (const message of history) {
      expect(message.conversation.id).toBe(conversation.id)
      expect(message.target).toBe(conversation.target)
    }
    for (let i = 1; i < history.length; i++) expect(Date.parse(history[i]!.date)).toBeLessThanOrEqual(Date.parse(history[i - 1]!.date))
  })

  it('with timestamp (Unix seconds), answers only messages from before it', async () => {
    const history = await client.getMessageHistory({ query: { phoneNumber: conversation.target, inboxID: conversation.inbox } })
    if (history.length < 2) return expect(history.length).toBe(1)
    const cut = Math.floor(Date.parse(history[0]!.date) / 1000)
    const older = await client.getMessageHistory({ query: { phoneNumber: conversation.target, inboxID: conversation.inbox, timestamp: cut } })
    expect(older.every((message) => Date.parse(message.date) < cut * 1000)).toBe(true)
    const expected = history.filter((message) => Date.parse(message.date) < cut * 1000).map((message) => message.id)
    expect(older.map((message) => message.id).slice(0, expected.length)).toEqual(expected)
  })

  it('accepts the phone number with a leading + as well (mock decision: decisions/lifecycle.md, addressing)', async () => {
    const plain = await client.getMessageHistory({ query: { phoneNumber: conversation.target, inboxID: conversation.inbox } })
    const plus = await client.getMessageHistory({ query: { phoneNumber: `+${conversation.target}`, inboxID: conversation.inbox } })
    expect(plus.map((message) => message.id)).toEqual(plain.map((message) => message.id))
  })
})
