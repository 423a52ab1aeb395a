import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createHeymarketMock, parseTimestamp, type Dataset } from '../src/core/index.js'
import { generateDataset } from '../src/seed/generate-dataset.js'

const anchor = parseTimestamp('2026-11-02T17:00:00Z')!

function seeded(seed: number, size = {}) {
  return generateDataset({ seed, anchor, size })
}

describe('seeding', () => {
  it('gives byte-identical JSON for the same seed, in this process and in another one (on another Node if there is one)', () => {
    const seeds = [1, 2, 3, 42, 4242]
    const digest = (json: string) => createHash('sha256').update(json).digest('hex')
    const here = seeds.map((seed) => digest(JSON.stringify(seeded(seed)))).join('\n')
    expect(seeds.map((seed) => digest(JSON.stringify(seeded(seed)))).join('\n')).toBe(here)
    const script = `
      import { createHash } from 'node:crypto'
      import { generateDataset } from './src/seed/generate-dataset.ts'
      const digests = ${JSON.stringify(seeds)}.map((seed) =>
        createHash('sha256').update(JSON.stringify(generateDataset({ seed, anchor: ${anchor}, size: {} }))).digest('hex'))
      process.stdout.write(digests.join('\\n'))
    `
    // The system Node, when it differs from the one running the tests, also checks that no engine-specific
    // floating point (such as Math.pow) creeps into the generator.
    const otherNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
      (candidate) => existsSync(candidate) && execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim() !== process.version,
    )
    const tsxCli = new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname
    const there = execFileSync(otherNode ?? process.execPath, [tsxCli, '--input-type=module', '-e', script], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    expect(there).toBe(here)
  })

  it('gives different data for different seeds', () => {
    expect(JSON.stringify(seeded(1))).not.toBe(JSON.stringify(seeded(2)))
  })

  it('gives the same responses from two mocks with the same seed', async () => {
    const body = (mock: ReturnType<typeof createHeymarketMock>) =>
      mock.fetch('/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer a' }, body: JSON.stringify({ id: 0, filters: {}, limit: 50 }) })
    const [a, b] = [createHeymarketMock({ seed: 9 }), createHeymarketMock({ seed: 9 })]
    const [ra, rb] = [await body(a), await body(b)]
    expect(await ra.text()).toBe(await rb.text())
    expect(ra.headers.get('x-request-id')).toBe(rb.headers.get('x-request-id'))
  })

  it('honours the size options', () => {
    const data = seeded(5, { inboxes: 4, users: 9, contacts: 50, conversations: 60, messagesPerConversation: { min: 2, max: 3 } })
    expect(data.inboxes).toHaveLength(4)
    expect(data.users).toHaveLength(9)
    expect(data.contacts).toHaveLength(50)
    expect(data.conversations).toHaveLength(60)
    const perConversation = new Map<number, number>()
    for (const message of data.messages) {
      if (message.type === 'private') continue
      perConversation.set(message.conversation_id, (perConversation.get(message.conversation_id) ?? 0) + 1)
    }
    expect([...perConversation.values()].every((n) => n >= 2 && n <= 3)).toBe(true)
  })

  it('refuses sizes that make no sense, naming the option', () => {
    expect(() => seeded(1, { conversations: -1 })).toThrow(/size.conversations/)
    expect(() => seeded(1, { inboxes: 0 })).toThrow(/size.inboxes/)
    expect(() => seeded(1, { messagesPerConversation: { min: 3, max: 2 } })).toThrow(/messagesPerConversation.max/)
  })
})

describe('seeded data looks like a real team', () => {
  const data: Dataset = seeded(11, { conversations: 400 })
  const messagesOf = new Map<number, Dataset['messages']>()
  for (const message of data.messages) {
    const list = messagesOf.get(message.conversation_id!) ?? []
    list.push(message)
    messagesOf.set(message.conversation_id!, list)
  }
  const micros = (text: string | undefined) => parseTimestamp(text!)!

  it('uses valid US numbers as E.164 digits without "+"', () => {
    const phones = [...data.contacts.map((c) => c.phone!), ...data.inboxes.map((i) => i.phone!)]
    for (const phone of phones) expect(phone).toMatch(/^1[2-9]\d{2}[2-9]\d{6}$/)
    expect(new Set(data.contacts.map((c) => c.phone)).size).toBe(data.contacts.length)
  })

  it('spreads team members over inboxes, every inbox with at least two members', () => {
    for (const inbox of data.inboxes) expect(inbox.members!.length).toBeGreaterThanOrEqual(2)
    for (const user of data.users) expect(data.inboxes.some((inbox) => inbox.members!.includes(user.id!))).toBe(true)
  })

  it('has a believable mix of states', () => {
    const share = (predicate: (c: Dataset['conversations'][number]) => boolean) => data.conversations.filter(predicate).length / data.conversations.length
    expect(share((c) => c.status === 'closed')).toBeGreaterThan(0.3)
    expect(share((c) => c.status === 'open')).toBeGreaterThan(0.1)
    expect(share((c) => (c.unread_users ?? []).length > 0)).toBeGreaterThan(0.03)
    expect(share((c) => (c.assigned ?? 0) !== 0)).toBeGreaterThan(0.4)
    expect(share((c) => (c.assigned ?? 0) === 0)).toBeGreaterThan(0.15)
    expect(share((c) => c.replied === true)).toBeGreaterThan(0.5)
    expect(share((c) => c.replied !== true)).toBeGreaterThan(0.01)
    expect(data.conversations.some((c) => c.snooze_till)).toBe(true)
    expect(data.conversations.some((c) => c.muted)).toBe(true)
    expect(data.conversations.some((c) => c.channel === 'mms' && c.targets)).toBe(true)
    expect(data.conversations.some((c) => c.channel === 'email' && c.target!.includes('@'))).toBe(true)
  })

  it('spans the last months and ends before the anchor', () => {
    const created = data.conversations.map((c) => micros(c.created))
    expect(Math.min(...created)).toBeLessThan(anchor - 60 * 86_400_000_000)
    expect(Math.max(...data.conversations.map((c) => micros(c.updated)))).toBeLessThan(anchor)
  })

  it("gives each conversation a history whose last message agrees with its updated, replied and read state", () => {
    for (const conversation of data.conversations) {
      const history = messagesOf.get(conversation.id!)!
      expect(history.length, `conversation ${conversation.id}`).toBeGreaterThan(0)
      const times = history.map((m) => micros(m.date))
      expect([...times].sort((a, b) => a - b)).toEqual(times)
      const last = times[times.length - 1]!
      if (conversation.status === 'open') expect(micros(conversation.updated)).toBe(last)
      else expect(micros(conversation.updated)).toBeGreaterThan(last)
      expect(micros(conversation.created)).toBe(times[0])
      expect(conversation.replied).toBe(history.some((m) => m.type === 'outbound'))
      const inbound = history.filter((m) => m.type === 'inbound')
      const lastInbound = inbound.length ? Math.floor(micros(inbound[inbound.length - 1]!.date) / 1e6) : 0
      expect(conversation.last_inbound).toBe(lastInbound)
      const inbox = data.inboxes.find((i) => i.id === conversation.inbox)!
      for (const user of conversation.unread_users ?? []) {
        expect(inbox.members).toContain(user)
        // unread for a user means the customer wrote after that user last read
        expect(conversation.read_by?.[String(user)] ?? 0).toBeLessThanOrEqual(lastInbound)
      }
      if (lastInbound === 0) expect(conversation.unread_users ?? []).toEqual([])
      const lastVisible = [...history].reverse().find((m) => m.type !== 'private')!
      expect(conversation.last_msg).toBe(lastVisible.text || '[media]')
      for (const m of history) expect(m.target).toBe(conversation.target)
    }
  })

  it('gives ids that grow with time', () => {
    const byId = [...data.messages].sort((a, b) => a.id! - b.id!)
    for (let i = 1; i < byId.length; i++) expect(micros(byId[i]!.date)).toBeGreaterThanOrEqual(micros(byId[i - 1]!.date))
  })
})
