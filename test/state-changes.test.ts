import { describe, expect, it, vi } from 'vitest'
import { createHeymarketMock, type HeymarketMock } from '../src/core/index.js'
import { clearPersistedState, persistMock, type StateStorage } from '../src/browser/persistence.js'

const auth = { Authorization: 'Bearer t' }
const options = { seed: 31, size: { conversations: 25 } }

async function touch(mock: HeymarketMock) {
  const open = mock.db.conversation.findFirst((q) => q.where({ status: 'open' }))!
  const inbox = mock.db.inbox.findFirst((q) => q.where({ id: open.inbox }))!
  await mock.fetch('/v1/conversations/close', { method: 'POST', headers: auth, body: JSON.stringify({ chat_id: open.id, inbox_id: open.inbox, user_id: inbox.members[0] }) })
  await mock.fetch('/v1/message/send', { method: 'POST', headers: auth, body: JSON.stringify({ inbox_id: inbox.id, creator_id: inbox.members[0], phone_number: '14155550900', text: 'saved?' }) })
  await mock.simulate.inbound({ from: '14155550901', text: 'new customer' })
  mock.db.contact.delete((q) => q.where({ id: mock.db.contact.findFirst()!.id }))
  mock.clock.set('2026-11-02T18:00:00Z')
  return open.id
}

function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

describe('exportChanges / importChanges', () => {
  it('rebuild the exact state in a new mock made with the same options', async () => {
    const first = createHeymarketMock(options)
    await first.ready
    await touch(first)
    const changes = JSON.parse(JSON.stringify(await first.exportChanges()))
    const second = createHeymarketMock(options)
    await second.importChanges(changes)
    expect(JSON.stringify(await second.exportDataset())).toBe(JSON.stringify(await first.exportDataset()))
    expect(second.clock.timestamp()).toBe('2026-11-02T18:00:00Z')
    // and ids keep counting from where the first mock was
    const [a, b] = await Promise.all([first.db.conversation.create({ inbox: first.db.inbox.findFirst()!.id, target: '1' }), second.db.conversation.create({ inbox: second.db.inbox.findFirst()!.id, target: '1' })])
    expect(b.id).toBe(a.id)
  })

  it('are small: only what was touched', async () => {
    const mock = createHeymarketMock(options)
    await mock.ready
    await touch(mock)
    const changes = await mock.exportChanges()
    expect(changes.tables.conversation!.upserts.length).toBeLessThanOrEqual(3)
    expect(changes.tables.contact!.deleted).toHaveLength(1)
    expect(JSON.stringify(changes).length).toBeLessThan(20_000)
  })

  it('refuse changes from another version, another seed, or with an invalid record, and apply nothing', async () => {
    const source = createHeymarketMock(options)
    await source.ready
    await touch(source)
    const changes = await source.exportChanges()
    const target = createHeymarketMock(options)
    await target.ready
    const seeded = JSON.stringify(await target.exportDataset())
    await expect(target.importChanges({ ...changes, version: 0 })).rejects.toThrow(/saved in state version 0 and this heymarket-mock reads version 1/)
    const other = createHeymarketMock({ ...options, seed: 32 })
    await expect(other.importChanges(changes)).rejects.toThrow(/another seed or preset/)
    const broken = structuredClone(changes)
    ;(broken.tables.conversation!.upserts[0] as { status: string }).status = 'pending'
    await expect(target.importChanges(broken)).rejects.toThrow(/conversation \d+ is invalid \(status/)
    await expect(target.importChanges('nonsense')).rejects.toThrow(/not a heymarket-mock state/)
    expect(JSON.stringify(await target.exportDataset())).toBe(seeded)
  })
})

describe('exportDataset', () => {
  it('round-trips the whole state exactly: a mock made from an export exports the same bytes, and answers the same', async () => {
    const first = createHeymarketMock(options)
    await first.ready
    await touch(first)
    const exported = await first.exportDataset()
    const second = createHeymarketMock({ dataset: JSON.parse(JSON.stringify(exported)) })
    expect(JSON.stringify(await second.exportDataset())).toBe(JSON.stringify(exported))
    const body = JSON.stringify({ id: 0, filters: {}, limit: 100 })
    const [a, b] = await Promise.all([first.fetch('/v1/conversations', { method: 'POST', headers: auth, body }), second.fetch('/v1/conversations', { method: 'POST', headers: auth, body })])
    expect(await b.text()).toBe(await a.text())
  })
})

describe('persistMock (the browser persistence, with a storage of our own)', () => {
  it('saves after changes and restores into a fresh mock; reset clears what was saved', async () => {
    const storage = memoryStorage()
    const before = createHeymarketMock(options)
    await before.ready
    const persistence = await persistMock(before, { storage, syncTabs: false })
    const closed = await touch(before)
    await settle()
    expect(storage.data.get(persistence.storageKey)).toContain('"heymarket-mock/changes"')
    persistence.stop()

    const after = createHeymarketMock(options)
    await after.ready
    await persistMock(after, { storage, syncTabs: false })
    expect(after.db.conversation.findFirst((q) => q.where({ id: closed }))!.status).toBe('closed')
    await after.reset()
    await settle()
    const again = createHeymarketMock(options)
    await again.ready
    await persistMock(again, { storage, syncTabs: false })
    expect(again.db.conversation.findFirst((q) => q.where({ id: closed }))!.status).toBe('open')
  })

  it('shares changes between two "tabs" through BroadcastChannel', async () => {
    const storage = memoryStorage()
    const [tabA, tabB] = [createHeymarketMock(options), createHeymarketMock(options)]
    await Promise.all([tabA.ready, tabB.ready])
    const key = `tabs-${Math.random()}`
    const a = await persistMock(tabA, { storage, key })
    const b = await persistMock(tabB, { storage, key })
    let remote = 0
    b.onRemoteChange(() => remote++)
    const closed = await touch(tabA)
    for (let i = 0; i < 50 && remote === 0; i++) await settle()
    expect(remote).toBeGreaterThan(0)
    expect(tabB.db.conversation.findFirst((q) => q.where({ id: closed }))!.status).toBe('closed')
    a.stop()
    b.stop()
  })

  it('refuses a saved state it cannot read, starts from the seeded state, and says how to clear it', async () => {
    const storage = memoryStorage()
    storage.setItem('heymarket-mock:default', '{"format":"heymarket-mock/changes","version":99}')
    const mock = createHeymarketMock(options)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const persistence = await persistMock(mock, { storage, syncTabs: false })
    expect(persistence.refused?.message).toMatch(/state version 99/)
    expect(warn.mock.calls[0]![0]).toMatch(/"heymarket-mock:default".*clearPersistedState\("default"\)/)
    warn.mockRestore()
    persistence.stop()
    clearPersistedState(undefined, storage)
    expect((await persistMock(mock, { storage, syncTabs: false })).refused).toBeUndefined()
  })
})
