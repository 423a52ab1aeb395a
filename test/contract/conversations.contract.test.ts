import { beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, Inbox } from '../../src/core/index.js'
import { client, readScope, target, walkConversations, type Walk } from './target.js'

/**
 * Reading conversations: the list walk and its cursor, the filters, count and get. Only reads; safe against a live
 * account. Cases marked "(mock decision: ...)" check a choice the mock made where the API reference is silent:
 * against the live service, their failure says the decision should change.
 */

const time = (timestamp: string) => Date.parse(timestamp)
/** The fields a list item and GET /v1/conversations/{id} must agree on (`read`/`unread` are per requesting user). */
const stable = ({ id, inbox, target: customer, channel, status, created, assigned }: Conversation) => ({ id, inbox, target: customer, channel, status, created, assigned })

let userId: number
let inbox: Inbox
let walk: Walk

beforeAll(async () => {
  ;({ userId, inbox } = await readScope())
  walk = await walkConversations(userId, {}, 10)
})

describe(`POST /v1/conversations (${target.kind})`, () => {
  it('lists newest activity first, and every page of the walk is older than its cursor', () => {
    expect(walk.items.length).toBeGreaterThan(0)
    walk.pages.forEach((page, index) => {
      const cursor = walk.cursors[index]
      for (let i = 1; i < page.length; i++) expect(time(page[i]!.updated)).toBeLessThanOrEqual(time(page[i - 1]!.updated))
      if (cursor) for (const item of page) expect(time(item.updated), `page ${index} item ${item.id}`).toBeLessThan(time(cursor))
    })
  })

  it('returns each conversation once over a walk that follows the last item’s updated as the next date', () => {
    const ids = walk.items.map((item) => item.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('honours limit: a page holds at most limit items, except a group sharing the last updated (mock decision: decisions/pagination.md)', () => {
    for (const page of walk.pages) {
      if (page.length <= 10) continue
      const boundary = page[9]!.updated
      for (const item of page.slice(9)) expect(item.updated).toBe(boundary)
    }
    expect(walk.pages.slice(0, -1).every((page) => page.length >= 10)).toBe(true)
  })

  it('serves 30 conversations when no limit is given (mock decision: decisions/pagination.md)', async () => {
    const page = await client.listConversations({ body: { id: userId, filters: {} } })
    expect(page.length).toBe(Math.min(30, walk.complete ? walk.items.length : 30))
  })

  it('filters.closed: true lists closed conversations only, false open ones only, and together they make the whole list', async () => {
    const closed = await walkConversations(userId, { closed: true }, 50)
    const open = await walkConversations(userId, { closed: false }, 50)
    expect(closed.items.every((item) => item.status === 'closed')).toBe(true)
    expect(open.items.every((item) => item.status === 'open')).toBe(true)
    if (closed.complete && open.complete && walk.complete) {
      expect(closed.items.length + open.items.length).toBe(walk.items.length)
      expect(new Set([...closed.items, ...open.items].map((item) => item.id))).toEqual(new Set(walk.items.map((item) => item.id)))
    }
  })

  it('filters.inboxes lists only conversations of those inboxes', async () => {
    const only = await walkConversations(userId, { inboxes: [inbox.id] }, 50)
    expect(only.items.length).toBeGreaterThan(0)
    expect(only.items.every((item) => item.inbox === inbox.id)).toBe(true)
    if (only.complete && walk.complete) expect(only.items.length).toBe(walk.items.filter((item) => item.inbox === inbox.id).length)
  })

  it('filters.unread: true lists conversations unread for the acting user only', async () => {
    const unread = await walkConversations(userId, { unread: true }, 50)
    expect(unread.items.every((item) => item.unread === true)).toBe(true)
    if (unread.complete && walk.complete) expect(unread.items.length).toBe(walk.items.filter((item) => item.unread).length)
  })
})

describe(`POST /v1/conversations/count (${target.kind})`, () => {
  it('answers the number as a JSON string', async () => {
    expect(await client.countConversations({ body: { id: userId, filters: {} } })).toMatch(/^\d+$/)
  })

  it('counts what the walk lists, with the same filters (mock decision: filters and id apply, decisions/pagination.md)', async () => {
    if (!walk.complete) return expect(walk.pages.length).toBe(target.maxPages)
    expect(await client.countConversations({ body: { id: userId, filters: {} } })).toBe(String(walk.items.length))
    const open = walk.items.filter((item) => item.status === 'open').length
    expect(await client.countConversations({ body: { id: userId, filters: { closed: false } } })).toBe(String(open))
  })

  it('with date, counts only conversations updated before it', async () => {
    if (!walk.complete) return expect(walk.pages.length).toBe(target.maxPages)
    const middle = walk.items[Math.floor(walk.items.length / 2)]!.updated
    const before = walk.items.filter((item) => time(item.updated) < time(middle)).length
    expect(await client.countConversations({ body: { id: userId, filters: {}, date: middle } })).toBe(String(before))
  })
})

describe(`GET /v1/conversations/{id} (${target.kind})`, () => {
  it('answers the conversation the list shows', async () => {
    for (const item of walk.items.slice(0, 5)) {
      const one = await client.getConversation({ params: { id: String(item.id) } })
      expect(stable(one)).toEqual(stable(item))
    }
  })
})
