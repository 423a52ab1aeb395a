import { describe, expect, it, vi } from 'vitest'
import { createHeymarketMock, type WebhookEvent } from '../src/core/index.js'

const auth = { Authorization: 'Bearer t' }

describe('mock.on (webhook events in code)', () => {
  it('delivers events with the webhook configuration id and token, and stops when asked', async () => {
    const mock = createHeymarketMock({ seed: 3, size: { conversations: 10 }, webhook: { id: 7, token: 'tok' } })
    await mock.ready
    const seen: WebhookEvent[] = []
    const stop = mock.on('chat_closed', (event) => seen.push(event))
    const open = mock.db.conversation.findFirst((q) => q.where({ status: 'open' }))!
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: open.inbox }))!
    await mock.fetch('/v1/conversations/close', { method: 'POST', headers: auth, body: JSON.stringify({ chat_id: open.id, inbox_id: open.inbox, user_id: inbox.members[0] }) })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ type: 'chat_closed', id: 7, token: 'tok', event_data: { id: open.id, status: 'closed' } })
    stop()
    await mock.fetch('/v1/conversations/open', { method: 'POST', headers: auth, body: JSON.stringify({ chat_id: open.id, inbox_id: open.inbox, user_id: inbox.members[0] }) })
    await mock.fetch('/v1/conversations/close', { method: 'POST', headers: auth, body: JSON.stringify({ chat_id: open.id, inbox_id: open.inbox, user_id: inbox.members[0] }) })
    expect(seen).toHaveLength(1)
  })

  it('can spell the inbound event message_received, and listeners may use either name', async () => {
    const mock = createHeymarketMock({ seed: 3, size: { conversations: 10 }, webhook: { inboundEventType: 'message_received' } })
    const seen: string[] = []
    mock.on('message_received', (event) => seen.push(event.type))
    mock.on('message_recieved', (event) => seen.push(event.type))
    await mock.simulate.inbound({ from: '14155550500', text: 'hi' })
    expect(seen).toEqual(['message_received', 'message_received'])
  })

  it('keeps going when a listener throws, and says so', async () => {
    const mock = createHeymarketMock({ seed: 3, size: { conversations: 10 } })
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const after: string[] = []
    mock.on('message_recieved', () => {
      throw new Error('listener bug')
    })
    mock.on('message_recieved', (event) => after.push(event.type))
    const outcome = await mock.simulate.inbound({ from: '14155550501', text: 'hi' })
    expect(outcome.created).toBe(true)
    expect(after).toEqual(['message_recieved'])
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/listener threw/), expect.any(Error))
    error.mockRestore()
  })
})
