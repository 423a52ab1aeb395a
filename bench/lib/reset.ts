import { createHeymarketMock } from '../../src/core/index.js'
import { measureEach } from './measure.js'

/** What a typical test does before `mock.reset()`: a few lifecycle changes, sends, a customer message, a contact. */
async function typicalTest(mock: ReturnType<typeof createHeymarketMock>, round: number) {
  const auth = { Authorization: 'Bearer bench', 'Content-Type': 'application/json' }
  const open = mock.db.conversation.findMany((q) => q.where({ status: 'open', channel: 'sms', blocked: false })).slice(0, 3)
  for (const conversation of open) {
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!
    await mock.fetch('/v1/conversations/close', { method: 'POST', headers: auth, body: JSON.stringify({ chat_id: conversation.id, user_id: inbox.members[0] }) })
    await mock.fetch('/v1/message/send', { method: 'POST', headers: auth, body: JSON.stringify({ inbox_id: inbox.id, creator_id: inbox.members[0], phone_number: `1415555${String(round % 10_000).padStart(4, '0')}`, text: 'hi' }) })
  }
  await mock.simulate.inbound({ from: '14155559999', text: 'hello' })
  await mock.db.contact.create({ phone: '14155559998', first: 'Test' })
}

/** reset() after a typical test, against building the same mock again from its seed (faker + load). */
export async function benchReset(conversations: number, times: number) {
  const size = { conversations, inboxes: 4, users: 12 }
  const reseed = await measureEach(times, () => undefined, async () => {
    const fresh = createHeymarketMock({ seed: 1, size })
    await fresh.ready
  })
  const mock = createHeymarketMock({ seed: 1, size })
  await mock.ready
  let round = 0
  const reset = await measureEach(times * 4, () => typicalTest(mock, round++), () => mock.reset())
  return { conversations, messages: mock.db.message.count(), resetMs: reset.median, reseedMs: reseed.median }
}
