import { describe, expect, it, vi } from 'vitest'

// Records whether anything imported faker; the stand-in has no generators, so seeding with it fails.
vi.mock('@faker-js/faker', () => {
  ;(globalThis as { fakerImported?: boolean }).fakerImported = true
  return {}
})
const fakerImported = () => (globalThis as { fakerImported?: boolean }).fakerImported === true

describe('starting from a preset', () => {
  it('runs no faker: faker is never even imported', async () => {
    const { createHeymarketMock } = await import('../src/core/index.js')
    const { loadFixture } = await import('../src/node/index.js')
    const mock = createHeymarketMock({ dataset: loadFixture('default') })
    await mock.ready
    const response = await mock.fetch('/v1/conversations/count', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{}' })
    expect(await response.json()).toBe('200')
    expect(fakerImported()).toBe(false)
  })

  it('runs no faker for sessions either: a server started from a preset makes every session from the preset', async () => {
    const { startHeymarketServer } = await import('../src/server/index.js')
    const { loadFixture } = await import('../src/node/index.js')
    const running = await startHeymarketServer({ port: 0, dataset: loadFixture('default') })
    try {
      for (const name of ['w1', 'w2']) {
        const response = await fetch(`${running.url}/sessions/${name}/v1/conversations/count`, { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{}' })
        expect(await response.json()).toBe('200')
      }
      const created = await fetch(`${running.url}/__mock/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'w3', preset: 'empty-inbox' }) })
      expect(created.status).toBe(201)
      expect(fakerImported()).toBe(false)
    } finally {
      await running.close()
    }
  })

  it('(control) a seeded mock does import faker, so the check above can tell', async () => {
    const { createHeymarketMock } = await import('../src/core/index.js')
    const mock = createHeymarketMock({ seed: 1 })
    await mock.ready.catch(() => undefined)
    expect(fakerImported()).toBe(true)
  })
})
