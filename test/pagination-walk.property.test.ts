import fc from 'fast-check'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, parseTimestamp, type Conversation, type ConversationRecord, type HeymarketMock } from '../src/core/index.js'
import { createApi } from './support/api.js'

/**
 * The walk a client does: first page without a cursor, then the last item's `updated` as `date`,
 * until a page is empty. Collects every page.
 */
async function walk(body: Record<string, unknown>, limit: number, between?: (page: number) => Promise<void>) {
  const api = createApi()
  const pages: Conversation[][] = []
  let date: string | undefined
  for (let guard = 0; guard < 10_000; guard++) {
    const { status, body: page } = await api.post<Conversation[]>('/v1/conversations', { ...body, limit, ...(date ? { date } : {}) })
    expect(status).toBe(200)
    if (page.length === 0) return pages
    pages.push(page)
    date = page[page.length - 1]!.updated
    await between?.(pages.length)
  }
  throw new Error('the walk did not end')
}

/** The documented order, computed independently from the db: newest `updated` first, then higher id first. */
function expectedOrder(records: ConversationRecord[]): number[] {
  return records
    .map((record) => ({ id: record.id, at: parseTimestamp(record.updated)! }))
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map((entry) => entry.id)
}

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as never))
afterAll(() => server.close())

function use(mock: HeymarketMock) {
  server.resetHandlers(...mock.handlers)
}

const filtersArbitrary = fc.record(
  {
    closed: fc.option(fc.boolean(), { nil: undefined }),
    unread: fc.option(fc.boolean(), { nil: undefined }),
    inboxCount: fc.integer({ min: 0, max: 3 }),
  },
  { requiredKeys: ['inboxCount'] },
)

/** Makes ties: `groups` groups of conversations that share one `updated`, some through the API, some through the db. */
async function makeTies(mock: HeymarketMock, choose: number[], groups: number) {
  const api = createApi()
  const all = mock.db.conversation.findMany().sort((a, b) => a.id - b.id)
  if (all.length === 0) return
  const start = parseTimestamp(mock.db.conversation.findMany().map((c) => c.updated).sort().at(-1)!)!
  for (let group = 0; group < groups; group++) {
    const members = choose.filter((_, i) => i % groups === group).map((n) => all[n % all.length]!)
    if (group % 2 === 0) {
      // Through the API with a frozen clock: every change in the group gets the same `updated`.
      mock.clock.set(new Date(start / 1000 + (group + 1) * 60_000))
      for (const conversation of members) {
        const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!
        const fresh = mock.db.conversation.findFirst((q) => q.where({ id: conversation.id }))!
        await api.post(`/v1/conversations/${fresh.status === 'open' ? 'close' : 'open'}`, { chat_id: fresh.id, user_id: inbox.members[0] })
      }
    } else {
      // Straight into the db, at an instant in the middle of the history.
      const shared = all[(group * 7) % all.length]!.updated
      for (const conversation of members) {
        await mock.db.conversation.update((q) => q.where({ id: conversation.id }), {
          data(draft) {
            draft.updated = shared
          },
        })
      }
    }
  }
}

describe('the date-cursor walk', () => {
  it('returns every matching conversation exactly once, in order, whatever the seed, filters, page size and ties', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 70 }),
        filtersArbitrary,
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (seed, conversations, filters, limit, tieMembers, tieGroups, asUser) => {
          const mock = createHeymarketMock({ seed, size: { conversations, inboxes: 3, users: 5 } })
          use(mock)
          await mock.ready
          await makeTies(mock, tieMembers, tieGroups)

          const inboxes = mock.db.inbox.findMany().sort((a, b) => a.id - b.id)
          const user = asUser ? inboxes[0]!.members[inboxes[0]!.members.length - 1]! : 0
          const allowed = inboxes.filter((inbox) => user === 0 || inbox.members.includes(user)).map((inbox) => inbox.id)
          const chosen = allowed.slice(0, filters.inboxCount)
          const body = {
            id: user,
            filters: {
              ...(chosen.length ? { inboxes: chosen } : {}),
              ...(filters.closed !== undefined ? { closed: filters.closed } : {}),
              ...(filters.unread !== undefined ? { unread: filters.unread } : {}),
            },
          }
          const scope = new Set(chosen.length ? chosen : allowed)
          const matching = mock.db.conversation.findMany((q) =>
            q.where(
              (c) =>
                scope.has(c.inbox) &&
                (filters.closed === undefined || (c.status === 'closed') === filters.closed) &&
                (filters.unread !== true || (user === 0 ? c.unread_users.length > 0 : c.unread_users.includes(user))),
            ),
          )

          const pages = await walk(body, limit)
          const seen = pages.flat().map((c) => c.id)
          expect(seen).toEqual(expectedOrder(matching))
          for (const page of pages) {
            // A page only grows past `limit` to finish a group of equal `updated` values.
            if (page.length > limit) {
              const boundary = page[limit - 1]!.updated
              expect(page.slice(limit - 1).every((c) => c.updated === boundary)).toBe(true)
            }
          }
          const count = await createApi().post('/v1/conversations/count', body)
          expect(count.body).toBe(String(matching.length))
        },
      ),
      { numRuns: Number(process.env.WALK_RUNS ?? 60) },
    )
  })

  it('stays exact when writes happen between page fetches: untouched conversations appear exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.record({ pick: fc.nat(), action: fc.constantFrom('close', 'open', 'read', 'unread', 'inbound') }), { maxLength: 20 }),
        async (seed, conversations, limit, writes) => {
          const mock = createHeymarketMock({ seed, size: { conversations, inboxes: 2, users: 4 } })
          use(mock)
          await mock.ready
          const latest = mock.db.conversation.findMany().map((c) => parseTimestamp(c.updated)!).reduce((a, b) => Math.max(a, b), 0)
          mock.clock.set(new Date(latest / 1000 + 1000))
          const before = new Map(mock.db.conversation.findMany().map((c) => [c.id, c.updated]))
          const touched = new Set<number>()
          const api = createApi()
          let next = 0
          const pages = await walk({ id: 0, filters: {} }, limit, async () => {
            for (let i = 0; i < 2 && next < writes.length; i++, next++) {
              const write = writes[next]!
              const all = mock.db.conversation.findMany().sort((a, b) => a.id - b.id)
              const target = all[write.pick % all.length]!
              const inbox = mock.db.inbox.findFirst((q) => q.where({ id: target.inbox }))!
              mock.clock.advance(1)
              if (write.action === 'inbound') await mock.simulate.inbound({ conversation_id: target.id, text: 'hello again' })
              else await api.post(`/v1/conversations/${write.action}`, { chat_id: target.id, user_id: inbox.members[0] })
              const after = mock.db.conversation.findFirst((q) => q.where({ id: target.id }))!
              if (after.updated !== before.get(target.id)) touched.add(target.id)
            }
          })
          const seen = pages.flat().map((c) => c.id)
          expect(new Set(seen).size).toBe(seen.length)
          const untouched = [...before.keys()].filter((id) => !touched.has(id))
          for (const id of untouched) expect(seen).toContain(id)
        },
      ),
      { numRuns: Number(process.env.WALK_RUNS ?? 40) },
    )
  })
})
