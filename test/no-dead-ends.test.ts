import { describe, expect, it, vi } from 'vitest'
import { createHeymarketMock, HeymarketSimulationError, toDataset, type Dataset } from '../src/core/index.js'
import { loadFixture } from '../src/node/index.js'
import { persistMock, type StateStorage } from '../src/browser/persistence.js'
import { defaultPersistKey } from '../src/browser/index.js'

function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) }
}

describe('mock.db before the data is loaded', () => {
  it('throws an error that says to await mock.ready, instead of answering undefined', async () => {
    const mock = createHeymarketMock({ seed: 3, size: { conversations: 5 } })
    expect(() => mock.db.conversation.findFirst()).toThrow(/not loaded yet.*await mock\.ready/)
    await mock.ready
    expect(mock.db.conversation.findFirst()).toBeDefined()
  })
})

describe('mock.simulate errors', () => {
  it('are HeymarketSimulationError instances with the API error code: not_found for an unknown conversation', async () => {
    const mock = createHeymarketMock({ dataset: loadFixture('empty-inbox') })
    const error = await mock.simulate.mute(999_999_999).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(HeymarketSimulationError)
    expect(error).toMatchObject({ code: 'not_found', name: 'HeymarketSimulationError' })
  })

  it('bad_data naming the problem for an instant that is not one, and for an invalid inbound message', async () => {
    const mock = createHeymarketMock({ seed: 2, size: { conversations: 3 } })
    await mock.ready
    const id = mock.db.conversation.findFirst()!.id
    const badInstant = await mock.simulate.snooze(id, 'tomorrow').catch((caught: unknown) => caught)
    expect(badInstant).toBeInstanceOf(HeymarketSimulationError)
    expect(badInstant).toMatchObject({ code: 'bad_data', message: expect.stringMatching(/snooze end.*"tomorrow"/) })
    const badMessage = await mock.simulate.inbound({ from: 'not a number', text: 'hi' } as never).catch((caught: unknown) => caught)
    expect(badMessage).toBeInstanceOf(HeymarketSimulationError)
    expect(badMessage).toMatchObject({ code: 'bad_data', field: expect.stringMatching(/from/) })
  })
})

describe('persistence across a changed seed (startHeymarketWorker({ persist: true }))', () => {
  it('keeps each seed and preset under a key of its own by default', () => {
    expect(defaultPersistKey({ seed: 7 })).toBe('seed-7')
    expect(defaultPersistKey({})).toBe('seed-1')
    expect(defaultPersistKey({ dataset: loadFixture('empty-inbox') })).toBe('preset-empty-inbox')
  })

  it('a state saved under one seed, met by another seed, is refused without stopping the mock; the warning names the key and clearPersistedState()', async () => {
    const storage = memoryStorage()
    const seven = createHeymarketMock({ seed: 7, size: { conversations: 5 } })
    await seven.ready
    const saved = await persistMock(seven, { storage, syncTabs: false, key: 'shared' })
    await seven.simulate.inbound({ from: '14155550100', text: 'Hi' })
    await saved.save()
    saved.stop()

    const eight = createHeymarketMock({ seed: 8, size: { conversations: 5 } })
    await eight.ready
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const persistence = await persistMock(eight, { storage, syncTabs: false, key: 'shared' })
    expect(persistence.refused?.message).toMatch(/another seed or preset/)
    expect(String(warn.mock.calls[0]![0])).toMatch(/"heymarket-mock:shared".*clearPersistedState\("shared"\)/)
    warn.mockRestore()
    // and the mock works: it answers from its own seeded state
    expect(eight.db.conversation.count()).toBe(5)
    persistence.stop()
  })
})

describe('typed presets', () => {
  it('toDataset() takes an imported preset JSON (a plain object type) and returns it as a Dataset, checked', () => {
    const imported: { format: string; version: number } & Record<string, unknown> = JSON.parse(JSON.stringify(loadFixture('empty-inbox')))
    const dataset: Dataset = toDataset(imported)
    expect(dataset.users.length).toBeGreaterThan(0)
    expect(() => toDataset({ format: 'something else' })).toThrow(/"format" is "something else"/)
  })
})
