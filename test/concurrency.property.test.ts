import fc from 'fast-check'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, parseTimestamp, type Conversation, type Message, type WebhookEvent } from '../src/core/index.js'
import { createApi } from './support/api.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never))
afterAll(() => server.close())

const action = fc.record({
  kind: fc.constantFrom('close', 'open', 'read', 'unread', 'inbound', 'send', 'transfer', 'reassign'),
  target: fc.nat({ max: 4 }),
  delay: fc.nat({ max: 3 }),
})

describe('many requests at once', () => {
  it('leave every invariant true: no lost message, updated = the latest event, an exact cursor walk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 20, maxLength: 120 }), fc.integer({ min: 1, max: 500 }), async (actions, seed) => {
        const mock = createHeymarketMock({ seed, size: { conversations: 15, inboxes: 2, users: 3 } })
        server.resetHandlers(...mock.handlers)
        await mock.ready
        const api = createApi()
        const owner = mock.db.user.findFirst((q) => q.where({ role: 'owner' }))!
        const inboxes = mock.db.inbox.findMany().map((inbox) => inbox.id)
        // Contended: everything happens to a handful of SMS conversations whose customers can be texted.
        const reachable = (phone: string) => !mock.db.contact.findFirst((q) => q.where({ phone }))?.is_opted_out && !mock.db.contact.findFirst((q) => q.where({ phone }))?.blocked
        const targets = mock.db.conversation.findMany((q) => q.where({ channel: 'sms', blocked: false })).filter((c) => reachable(c.target)).slice(0, 5).map((c) => c.id)
        const messagesBefore = mock.db.message.count()
        const events: WebhookEvent[] = []
        mock.on('*', (event) => events.push(event))
        let sends = 0
        let inbounds = 0

        await Promise.all(
          actions.map(async ({ kind, target, delay }, i) => {
            await new Promise((resolve) => setTimeout(resolve, delay))
            const chat = targets[target % targets.length]!
            // open/close/reassign name the inbox beside chat_id (required by the docs); a transfer may move the
            // conversation between reading its inbox and the request: 404 then, as for sends.
            const inboxNow = () => mock.db.conversation.findFirst((q) => q.where({ id: chat }))!.inbox
            const body = { chat_id: chat, user_id: owner.id }
            switch (kind) {
              case 'inbound':
                await mock.simulate.inbound({ conversation_id: chat, text: `customer ${i}` })
                inbounds++
                return
              case 'send': {
                const current = mock.db.conversation.findFirst((q) => q.where({ id: chat }))!
                const { status } = await api.post('/v1/message/send', { inbox_id: current.inbox, creator_id: owner.id, chat_id: chat, text: `agent ${i}` })
                // A transfer may have moved the conversation between reading its inbox and sending: 404 then.
                if (status === 200) sends++
                else expect(status).toBe(404)
                return
              }
              case 'transfer': {
                const current = mock.db.conversation.findFirst((q) => q.where({ id: chat }))!
                const destination = inboxes.find((inbox) => inbox !== current.inbox)!
                const { status } = await api.post('/v1/conversations/transfer', { conversation_id: chat, transfer_inbox_id: destination })
                expect([200, 400]).toContain(status)
                return
              }
              case 'reassign': {
                const { status } = await api.post('/v1/conversations/reassign', { ...body, inbox_id: inboxNow(), reassign_id: owner.id })
                expect([200, 404]).toContain(status)
                return
              }
              default: {
                const needsInbox = kind === 'open' || kind === 'close'
                const { status } = await api.post(`/v1/conversations/${kind}`, needsInbox ? { ...body, inbox_id: inboxNow() } : body)
                expect(needsInbox ? [200, 404] : [200]).toContain(status)
              }
            }
          }),
        )

        // No lost message
        expect(mock.db.message.count()).toBe(messagesBefore + sends + inbounds)
        // Each conversation's `updated` is its latest event (or its seeded value when nothing happened to it)
        const latest = new Map<number, number>()
        for (const event of events) {
          const data = event.event_data as Conversation | Message
          const [id, at] = 'conversation' in data ? [data.conversation.id, data.date] : [data.id, data.updated]
          latest.set(id, Math.max(latest.get(id) ?? 0, parseTimestamp(at)!))
        }
        for (const conversation of mock.db.conversation.findMany()) {
          const messages = mock.db.message.findMany((q) => q.where({ conversation_id: conversation.id }))
          const lastMessage = Math.max(...messages.map((m) => parseTimestamp(m.date)!))
          expect(parseTimestamp(conversation.updated)!).toBeGreaterThanOrEqual(lastMessage)
          if (latest.has(conversation.id)) expect(parseTimestamp(conversation.updated)).toBe(latest.get(conversation.id))
        }
        // A cursor walk afterwards is exact
        const expected = mock.db.conversation
          .findMany()
          .sort((a, b) => parseTimestamp(b.updated)! - parseTimestamp(a.updated)! || b.id - a.id)
          .map((c) => c.id)
        const walked: number[] = []
        let date: string | undefined
        for (;;) {
          const page = (await api.post<Conversation[]>('/v1/conversations', { id: 0, filters: {}, limit: 4, ...(date ? { date } : {}) })).body
          if (page.length === 0) break
          walked.push(...page.map((c) => c.id))
          date = page.at(-1)!.updated
        }
        expect(walked).toEqual(expected)
      }),
      { numRuns: Number(process.env.CONCURRENCY_RUNS ?? 25) },
    )
  }, 120_000)
})
