import { http, HttpResponse, type HttpHandler } from 'msw'
import type { HeymarketMock } from '../../src/core/index.js'
import { formatTimestamp, parseTimestamp } from '../../src/core/index.js'

/**
 * What the mock is compared with, for the same four requests:
 * - `staticHandlers`: msw handlers that answer a fixed response of the same size (the floor: msw's own cost plus
 *   serializing the answer);
 * - `bodyReadingHandlers`: the static floor that first reads and parses the request's JSON body, as any handler
 *   that acts on a request must: what reading the body alone costs in msw, so that a ratio to the static floor
 *   can be read against it (a GET has no body, so there it is the static floor measured twice);
 * - `naiveHandlers`: the same queries written the way a test suite would with plain @msw/data (`findMany`,
 *   `findFirst`, `update`, `create`) over the same collections.
 */
export function staticHandlers(baseUrl: string, answers: { page: unknown; conversation: unknown; sent: unknown }): HttpHandler[] {
  return [
    http.post(`${baseUrl}/v1/conversations`, () => HttpResponse.json(answers.page as never)),
    http.get(`${baseUrl}/v1/conversations/:id`, () => HttpResponse.json(answers.conversation as never)),
    http.post(`${baseUrl}/v1/conversations/close`, () => HttpResponse.json('ok')),
    http.post(`${baseUrl}/v1/conversations/open`, () => HttpResponse.json('ok')),
    http.post(`${baseUrl}/v1/message/send`, () => HttpResponse.json(answers.sent as never)),
  ]
}

export function bodyReadingHandlers(baseUrl: string, answers: { page: unknown; conversation: unknown; sent: unknown }): HttpHandler[] {
  const readThen = (answer: unknown) => async ({ request }: { request: Request }) => {
    await request.json()
    return HttpResponse.json(answer as never)
  }
  return [
    http.post(`${baseUrl}/v1/conversations`, readThen(answers.page)),
    http.get(`${baseUrl}/v1/conversations/:id`, () => HttpResponse.json(answers.conversation as never)),
    http.post(`${baseUrl}/v1/conversations/close`, readThen('ok')),
    http.post(`${baseUrl}/v1/conversations/open`, readThen('ok')),
    http.post(`${baseUrl}/v1/message/send`, readThen(answers.sent)),
  ]
}

export function naiveHandlers(baseUrl: string, mock: HeymarketMock): HttpHandler[] {
  const db = mock.db
  const setStatus = (status: 'open' | 'closed') =>
    http.post(`${baseUrl}/v1/conversations/${status === 'open' ? 'open' : 'close'}`, async ({ request }) => {
      const body = (await request.json()) as { chat_id: number }
      await db.conversation.update((q) => q.where({ id: body.chat_id }), {
        data(draft) {
          draft.status = status
          draft.updated = formatTimestamp(Date.now() * 1000)
        },
      })
      return HttpResponse.json('ok')
    })
  return [
    http.post(`${baseUrl}/v1/conversations`, async ({ request }) => {
      const body = (await request.json()) as { filters: { inboxes?: number[]; closed?: boolean }; date?: string; limit?: number }
      const before = body.date ? parseTimestamp(body.date)! : Infinity
      const inboxes = new Set(body.filters.inboxes ?? [])
      // @msw/data applies `take` before sorting, so the whole match is sorted and sliced here.
      const matches = db.conversation.findMany((q) =>
        q.where(
          (c) =>
            (inboxes.size === 0 || inboxes.has(c.inbox)) &&
            (body.filters.closed === undefined || (c.status === 'closed') === body.filters.closed) &&
            parseTimestamp(c.updated)! < before,
        ),
      )
      matches.sort((a, b) => parseTimestamp(b.updated)! - parseTimestamp(a.updated)! || b.id - a.id)
      return HttpResponse.json(matches.slice(0, body.limit ?? 30) as never)
    }),
    http.get(`${baseUrl}/v1/conversations/:id`, ({ params }) => {
      const found = db.conversation.findFirst((q) => q.where({ id: Number(params.id) }))
      return found ? HttpResponse.json(found as never) : HttpResponse.json({ error: 'not_found' }, { status: 404 })
    }),
    setStatus('closed'),
    setStatus('open'),
    http.post(`${baseUrl}/v1/message/send`, async ({ request }) => {
      const body = (await request.json()) as { chat_id: number; text: string; creator_id: number }
      const now = formatTimestamp(Date.now() * 1000)
      const message = await db.message.create({ conversation_id: body.chat_id, text: body.text, user: body.creator_id, date: now, updated: now })
      await db.conversation.update((q) => q.where({ id: body.chat_id }), {
        data(draft) {
          draft.updated = now
          draft.replied = true
          draft.last_msg = body.text
        },
      })
      return HttpResponse.json({ id: message.id, date: now, convo_id: body.chat_id, queued: true, compliance_results: {} })
    }),
  ]
}
