import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { createHeymarketMock, type Conversation } from '../src/core/index.js'
import { listFixtures, loadFixture } from '../src/node/index.js'
import { buildPreset, PRESET_FILES, PRESETS, serializeDataset, type PresetName } from '../src/core/presets.js'
import { readDataset } from '../src/core/read-dataset.js'
import { gzipSync } from 'node:zlib'

const post = (mock: ReturnType<typeof createHeymarketMock>, path: string, body: unknown) =>
  mock.fetch(path, { method: 'POST', headers: { Authorization: 'Bearer t' }, body: JSON.stringify(body) })

describe('fixtures/', () => {
  it('holds every preset, at least default, empty-inbox and busy-inbox', () => {
    expect(listFixtures()).toEqual(Object.keys(PRESETS).sort())
    expect(listFixtures()).toEqual(expect.arrayContaining(['default', 'empty-inbox', 'busy-inbox']))
  })

  it.each(Object.keys(PRESETS) as PresetName[])('regenerating %s from its seed gives the committed data byte for byte', async (name) => {
    const file = PRESET_FILES[name]
    // A .dataset.gz file is compared by the JSON it decodes to: the data, not gzip's bytes, is what must not drift.
    const committed = file.endsWith('.json') ? readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8') : serializeDataset(loadFixture(name))
    expect(serializeDataset(await buildPreset(name)) === committed).toBe(true)
  })

  it('ships the large busy-inbox preset gzipped, column-wise, several times smaller than its JSON', () => {
    const bytes = readFileSync(new URL('../fixtures/busy-inbox.dataset.gz', import.meta.url))
    const json = serializeDataset(loadFixture('busy-inbox'))
    expect(bytes.length).toBeLessThan(json.length / 5)
    // and smaller than the same JSON gzipped as it is (what a plain .json.gz would weigh)
    expect(bytes.length).toBeLessThan(gzipSync(json, { level: 9 }).length * 0.8)
  })

  it('readDataset() reads the .dataset.gz bytes (as a page fetches them) to the same data as loadFixture()', async () => {
    const bytes = readFileSync(new URL('../fixtures/busy-inbox.dataset.gz', import.meta.url))
    const response = new Response(bytes)
    expect(serializeDataset(await readDataset(response))).toBe(serializeDataset(loadFixture('busy-inbox')))
    const plain = readFileSync(new URL('../fixtures/empty-inbox.json', import.meta.url))
    expect(serializeDataset(await readDataset(new Response(plain)))).toBe(plain.toString('utf8'))
  })

  it('busy-inbox holds several thousand conversations', () => {
    expect(loadFixture('busy-inbox').conversations.length).toBeGreaterThanOrEqual(3000)
  })

  it('empty-inbox has inboxes and members but no conversations', async () => {
    const mock = createHeymarketMock({ dataset: loadFixture('empty-inbox') })
    await mock.ready
    expect(mock.db.inbox.count()).toBeGreaterThan(0)
    const member = mock.db.inbox.findFirst()!.members[0]
    expect(await (await post(mock, '/v1/conversations', { id: member, filters: {} })).json()).toEqual([])
  })

  it('a mock started from the default preset answers exactly as one seeded with seed 1', async () => {
    const fromPreset = createHeymarketMock({ dataset: loadFixture('default') })
    const fromSeed = createHeymarketMock({ seed: 1 })
    for (const body of [{ id: 0, filters: {}, limit: 100 }, { id: 0, filters: { closed: false }, date: '2026-10-01T00:00:00Z' }]) {
      const [a, b] = await Promise.all([post(fromPreset, '/v1/conversations', body), post(fromSeed, '/v1/conversations', body)])
      expect(await a.text()).toBe(await b.text())
    }
  })

  it('just-reopened has a conversation a customer has just reopened, on top and unread', async () => {
    const dataset = loadFixture('just-reopened')
    const reopenedId = (dataset.meta as { reopenedConversation?: number }).reopenedConversation
    const mock = createHeymarketMock({ dataset })
    const top = ((await (await post(mock, '/v1/conversations', { id: 0, filters: {}, limit: 1 })).json()) as Conversation[])[0]!
    expect(top).toMatchObject({ id: reopenedId, status: 'open', unread: true })
    expect(top.last_msg).toMatch(/one more question/)
  })

  it('refuses a dataset of another format version with a clear message', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const dataset = { ...loadFixture('empty-inbox'), version: 99 as 1 }
    const mock = createHeymarketMock({ dataset })
    await expect(mock.ready).rejects.toThrow(/dataset version 99.*reads version 1/)
    const response = await post(mock, '/v1/conversations/count', {})
    expect(response.status).toBe(500)
    expect(((await response.json()) as { message: string }).message).toMatch(/dataset version 99/)
    quiet.mockRestore()
  })
})
