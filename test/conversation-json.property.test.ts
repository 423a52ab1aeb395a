/**
 * Conversation pages and single conversations are written from text kept between requests
 * (src/http/conversation-json.ts), and repeated reads of them, and of counts, are answered from a memo
 * (createAnswerMemo in src/http/dispatch.ts). Neither may outlive the state it was made from: after any sequence
 * of reads and writes (the API's own, failed requests that roll back, direct `mock.db` writes, resets), every
 * answer must be what a mock that has never answered before gives for the same state. That second mock is
 * built from the first one's `exportChanges()`, so its first answers are made from scratch.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHeymarketMock, type HeymarketMock } from '../src/core/index.js'

const options = { seed: 31, size: { conversations: 24 }, clock: { now: '2026-11-02T17:00:00Z', frozen: true } } as const
const AUTH = { Authorization: 'Bearer test', 'Content-Type': 'application/json' }

type Step =
  | { kind: 'list'; viewer: number; closed: boolean | undefined; limit: number }
  | { kind: 'get'; pick: number }
  | { kind: 'close' | 'open' | 'read' | 'unread'; pick: number; viewer: number }
  | { kind: 'send'; pick: number; viewer: number; text: string }
  | { kind: 'refused-send'; pick: number }
  | { kind: 'direct'; pick: number; name: string }
  | { kind: 'reset' }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('list' as const), viewer: fc.nat(5), closed: fc.constantFrom(undefined, true, false), limit: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('get' as const), pick: fc.nat(23) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'open' as const, 'read' as const, 'unread' as const), pick: fc.nat(23), viewer: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('send' as const), pick: fc.nat(23), viewer: fc.nat(5), text: fc.string({ minLength: 1, maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refused-send' as const), pick: fc.nat(23) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('direct' as const), pick: fc.nat(23), name: fc.string({ maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
)

async function call(mock: HeymarketMock, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const response = await mock.fetch(path, { method, headers: AUTH, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  return { status: response.status, text: await response.text() }
}

/** The pages and conversations a client would read: every user's first page, open and closed, and each conversation. */
async function readings(mock: HeymarketMock): Promise<string[]> {
  const users = mock.db.user.findMany().map((user) => user.id).sort((a, b) => a - b)
  const ids = mock.db.conversation.findMany().map((conversation) => conversation.id).sort((a, b) => a - b)
  const out: string[] = []
  for (const viewer of [0, ...users]) {
    for (const closed of [undefined, false, true]) {
      const filters = closed === undefined ? {} : { closed }
      out.push((await call(mock, 'POST', '/v1/conversations', { id: viewer, filters, limit: 50 })).text)
      out.push((await call(mock, 'POST', '/v1/conversations/count', { id: viewer, filters })).text)
    }
  }
  for (const id of ids) out.push((await call(mock, 'GET', `/v1/conversations/${id}`)).text)
  return out
}

async function apply(mock: HeymarketMock, action: Step): Promise<void> {
  const users = mock.db.user.findMany().map((user) => user.id).sort((a, b) => a - b)
  const conversations = mock.db.conversation.findMany().sort((a, b) => a.id - b.id)
  const conversation = 'pick' in action ? conversations[action.pick % conversations.length]! : undefined
  const inbox = conversation ? mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))! : undefined
  const member = (viewer: number) => inbox!.members[viewer % inbox!.members.length]!
  switch (action.kind) {
    case 'list':
      await call(mock, 'POST', '/v1/conversations', { id: action.viewer === 0 ? 0 : users[(action.viewer - 1) % users.length], filters: action.closed === undefined ? {} : { closed: action.closed }, limit: action.limit })
      return
    case 'get':
      await call(mock, 'GET', `/v1/conversations/${conversation!.id}`)
      return
    case 'close':
    case 'open':
      await call(mock, 'POST', `/v1/conversations/${action.kind}`, { inbox_id: inbox!.id, chat_id: conversation!.id, user_id: member(action.viewer) })
      return
    case 'read':
    case 'unread':
      await call(mock, 'POST', `/v1/conversations/${action.kind === 'read' ? 'read' : 'unread'}`, { inbox_id: inbox!.id, chat_id: conversation!.id, user_id: member(action.viewer) })
      return
    case 'send':
      await call(mock, 'POST', '/v1/message/send', { inbox_id: inbox!.id, creator_id: member(action.viewer), phone_number: conversation!.target, text: action.text })
      return
    case 'refused-send':
      // A creator outside the inbox: refused, and nothing may change.
      await call(mock, 'POST', '/v1/message/send', { inbox_id: inbox!.id, creator_id: 987654321, phone_number: conversation!.target, text: 'no' })
      return
    case 'direct':
      await mock.db.conversation.update((q) => q.where({ id: conversation!.id }), { data: (draft) => void (draft.name = action.name) })
      return
    case 'reset':
      await mock.reset()
      return
  }
}

describe('conversation JSON and answers kept between requests', () => {
  it('is, after any sequence of reads and writes, what a mock answering for the first time gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const warm = createHeymarketMock(options)
        await warm.ready
        for (const action of steps) {
          await apply(warm, action)
          // Read after every step, so that text is kept across each write.
          await readings(warm)
        }
        const cold = createHeymarketMock(options)
        await cold.importChanges(JSON.parse(JSON.stringify(await warm.exportChanges())))
        expect(await readings(warm)).toEqual(await readings(cold))
      }),
      { numRuns: 40 },
    )
  }, 120_000)

  it('is byte for byte the JSON of the answer (pages parse back to what JSON.stringify writes)', async () => {
    const mock = createHeymarketMock(options)
    await mock.ready
    for (const text of await readings(mock)) expect(text).toBe(JSON.stringify(JSON.parse(text)))
  })
})
