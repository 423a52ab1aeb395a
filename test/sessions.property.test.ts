import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from '../src/core/index.js'
import { startHeymarketServer, type HeymarketHttpServer } from '../src/server/index.js'

/**
 * Isolation of sessions (issue 16, point 2): clients of different sessions of one server, writing at the same
 * time, each end with exactly the state a mock of their own would hold after the same requests, so none saw
 * another's writes; and resetting one session brings it back to the start and leaves the others as they were.
 */
const options = { seed: 21, size: { conversations: 12, inboxes: 2, users: 3 }, clock: { start: '2026-11-10T09:00:00Z' } } satisfies HeymarketMockOptions
const auth = { Authorization: 'Bearer property', 'Content-Type': 'application/json' }

const write = fc.oneof(
  fc.record({ kind: fc.constantFrom('close', 'open', 'read', 'unread'), conversation: fc.nat({ max: 11 }), user: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('inbound'), phone: fc.integer({ min: 1000, max: 1009 }), inbox: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant('clock'), minutes: fc.integer({ min: 1, max: 90 }) }),
)
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never

let running: HeymarketHttpServer
let reference: HeymarketMock
let ids: { conversations: number[]; users: number[]; inboxes: number[] }
beforeAll(async () => {
  running = await startHeymarketServer({ port: 0, ...options, control: true })
  reference = createHeymarketMock(options)
  await reference.ready
  ids = {
    conversations: reference.db.conversation.findMany().map((c) => c.id).sort((a, b) => a - b),
    users: reference.db.user.findMany().map((u) => u.id).sort((a, b) => a - b),
    inboxes: reference.db.inbox.findMany().map((i) => i.id).sort((a, b) => a - b),
  }
})
afterAll(() => running.close())

/** One write as an HTTP request of a session's client, or as the same call on a mock of its own. */
function request(step: Write): { path: string; body: unknown } {
  switch (step.kind) {
    case 'inbound':
      return { path: '/__mock/inbound', body: { from: `1415555${step.phone}`, inbox_id: ids.inboxes[step.inbox], text: `hello ${step.phone}` } }
    case 'clock':
      return { path: '/__mock/clock', body: { advance: { minutes: step.minutes } } }
    default:
      return { path: `/v1/conversations/${step.kind}`, body: { chat_id: ids.conversations[step.conversation], user_id: ids.users[step.user] } }
  }
}

async function applyToOwnMock(mock: HeymarketMock, step: Write): Promise<number> {
  const { path, body } = request(step)
  if (step.kind === 'inbound') return mock.simulate.inbound(body as never).then(() => 200, () => 400)
  if (step.kind === 'clock') {
    mock.clock.advance({ minutes: step.minutes })
    await mock.settle()
    return 200
  }
  return (await mock.fetch(path, { method: 'POST', headers: auth, body: JSON.stringify(body) })).status
}

const stateOf = async (name: string) => (await fetch(`${running.url}/sessions/${name}/__mock/dataset`)).text()
let run = 0

describe('sessions of one server', () => {
  it('parallel clients in different sessions never see each other’s writes; a reset of one leaves the others untouched', async () => {
    const initial = JSON.stringify(await reference.exportDataset())
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(write, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 4 }), fc.nat(), async (scripts, resetPick) => {
        run++
        const names = scripts.map((_, i) => `run${run}-s${i}`)
        // Every session's client runs its script at the same time as the others.
        const statuses = await Promise.all(
          scripts.map(async (script, i) => {
            const seen: number[] = []
            for (const step of script) {
              const { path, body } = request(step)
              const response = await fetch(`${running.url}/sessions/${names[i]}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) })
              await response.arrayBuffer()
              seen.push(response.status === 200 ? 200 : 400)
            }
            return seen
          }),
        )
        const states = await Promise.all(names.map(stateOf))
        for (const [i, script] of scripts.entries()) {
          const own = createHeymarketMock(options)
          await own.ready
          const expected: number[] = []
          for (const step of script) expected.push((await applyToOwnMock(own, step)) === 200 ? 200 : 400)
          expect(statuses[i], `statuses of session ${i}`).toEqual(expected)
          expect(states[i], `state of session ${i}`).toBe(JSON.stringify(await own.exportDataset()))
        }
        const resetIndex = resetPick % names.length
        await fetch(`${running.url}/sessions/${names[resetIndex]}/__mock/reset`, { method: 'POST' })
        const after = await Promise.all(names.map(stateOf))
        for (const [i, state] of after.entries()) expect(state, `session ${i} after resetting ${resetIndex}`).toBe(i === resetIndex ? initial : states[i])
        expect(await stateOf('default')).toBe(initial)
        for (const name of names) await fetch(`${running.url}/__mock/sessions/${name}`, { method: 'DELETE' })
      }),
      { numRuns: 15 },
    )
  })
})
