import { createServer, Model } from 'miragejs'
import type { HeymarketMock } from '../../src/core/index.js'
import { parseTimestamp } from '../../src/core/index.js'
import { measure, type MeasureOptions } from './measure.js'

/**
 * The same list query in Mirage JS, over the same conversations: the route handler a Mirage user would write
 * (filter, sort newest first, take 30) and Mirage's serializer, called as Mirage calls them. Mirage cannot
 * intercept requests in Node, so the handler is invoked directly: this leaves out request interception, which
 * only flatters Mirage.
 */
export async function benchMirageList(mock: HeymarketMock, inbox: number, options: MeasureOptions): Promise<number> {
  const conversations = mock.db.conversation.findMany().map((record) => structuredClone(record))
  const server = createServer({
    environment: 'test',
    models: { conversation: Model },
    routes() {
      this.timing = 0
    },
  })
  server.db.loadData({ conversations })
  const handler = (schema: typeof server.schema, request: { requestBody: string }) => {
    const body = JSON.parse(request.requestBody) as { filters: { inboxes: number[]; closed: boolean }; limit: number }
    return (schema as any).conversations
      .where((c: { inbox: number; status: string }) => body.filters.inboxes.includes(c.inbox) && (c.status === 'closed') === body.filters.closed)
      .sort((a: { updated: string; id: number }, b: { updated: string; id: number }) => parseTimestamp(b.updated)! - parseTimestamp(a.updated)! || b.id - a.id)
      .slice(0, body.limit)
  }
  const serializer = (server as any).serializerOrRegistry
  const requestBody = JSON.stringify({ id: 0, filters: { inboxes: [inbox], closed: false }, limit: 30 })
  try {
    const result = await measure(() => {
      const request = { requestBody }
      const json = serializer.serialize(handler(server.schema, request), request)
      return JSON.stringify(json)
    }, options)
    return result.median
  } finally {
    server.shutdown()
  }
}
