// The README's vitest example, kept here verbatim (but for the import path) so that it stays true.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { useHeymarketMock } from '../src/node/index.js'

// Intercepts fetch before the tests, resets data, clock and overrides after each test, stops after all.
const { mock } = useHeymarketMock({ seed: 7 }, { beforeAll, afterEach, afterAll })

it('closes a conversation', async () => {
  const inbox = mock.db.inbox.findFirst()!
  const conversation = mock.db.conversation.findFirst((q) => q.where({ inbox: inbox.id, status: 'open' }))!
  mock.clock.set('2026-11-20T10:00:00Z')

  const response = await fetch('https://api.heymarket.com/v1/conversations/close', {
    method: 'POST',
    headers: { Authorization: 'Bearer test', 'Content-Type': 'application/json' },
    body: JSON.stringify({ chat_id: conversation.id, inbox_id: inbox.id, user_id: inbox.members[0] }),
  })

  expect(await response.json()).toBe('ok')
  expect(mock.db.conversation.findFirst((q) => q.where({ id: conversation.id }))).toMatchObject({
    status: 'closed',
    updated: '2026-11-20T10:00:00Z',
  })
})
