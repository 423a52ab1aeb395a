import { z } from 'zod'
import { exportDatasetStream, type HeymarketMock } from '../core/create-heymarket-mock.js'
import { ApiError } from '../rules/errors.js'
import { idSchema, timestampSchema } from '../schema/common.js'
import { faultRuleSchema } from '../http/faults.js'
import { readJsonBody } from '../http/read-body.js'
import { errorResponse, jsonResponse } from '../http/respond.js'
import { parseInput } from '../http/validation.js'

/** Where the control endpoints live on the standalone server. */
export const CONTROL_PREFIX = '/__mock'
/** The header that carries the control token when one is set. */
export const CONTROL_TOKEN_HEADER = 'x-mock-control-token'

const durationSchema = z.union([
  z.number().min(0),
  z.object({
    days: z.number().min(0).optional(),
    hours: z.number().min(0).optional(),
    minutes: z.number().min(0).optional(),
    seconds: z.number().min(0).optional(),
    milliseconds: z.number().min(0).optional(),
  }),
])

/** Body of `POST /__mock/clock`: any combination, applied in this order: set, advance, freeze/resume. */
export const clockControlSchema = z.object({
  set: timestampSchema.optional(),
  advance: durationSchema.optional(),
  freeze: z.boolean().optional(),
  resume: z.boolean().optional(),
})

export type ControlOptions = {
  /** When set, every control request must carry it in the `X-Mock-Control-Token` header. */
  token?: string
  maxBodyBytes: number
}

/** The control endpoints the standalone server offers, for the README and the index page. */
export const CONTROL_ENDPOINTS = [
  { method: 'GET', path: '/__mock/', summary: 'This list of control endpoints' },
  { method: 'GET', path: '/__mock/info', summary: 'Seed, counts, inbox and user ids to use in requests' },
  { method: 'POST', path: '/__mock/reset', summary: 'Back to the seeded state (data, clock, faults)' },
  { method: 'GET', path: '/__mock/clock', summary: 'The mock clock: {now, frozen}' },
  { method: 'POST', path: '/__mock/clock', summary: 'Set, advance, freeze or resume the clock: {set?, advance?, freeze?, resume?}' },
  { method: 'POST', path: '/__mock/inbound', summary: 'A customer message arrives: {from | conversation_id, inbox_id?, text | media_url}' },
  { method: 'POST', path: '/__mock/snooze', summary: 'Snooze a conversation: {conversation_id, until} ("" unsnoozes)' },
  { method: 'POST', path: '/__mock/mute', summary: 'Mute or unmute a conversation: {conversation_id, muted}' },
  { method: 'GET', path: '/__mock/dataset', summary: 'The whole current state as a dataset (loadable with --fixture <file>)' },
  { method: 'GET', path: '/__mock/faults', summary: 'The injected faults' },
  { method: 'POST', path: '/__mock/faults', summary: 'Inject a fault: {operations?, latencyMs?, status?, network?, probability?, times?}' },
  { method: 'DELETE', path: '/__mock/faults', summary: 'Remove every fault' },
  { method: 'DELETE', path: '/__mock/faults/{id}', summary: 'Remove one fault' },
  { method: 'GET', path: '/__mock/requests', summary: 'The requests the mock answered since the start or the last reset: method, path, query, body, status, request id' },
  { method: 'GET', path: '/__mock/health', summary: "The server's uptime and memory use" },
  { method: 'GET', path: '/__mock/sessions', summary: 'Every session (an isolated mock at /sessions/{name}) with its size and last use' },
  { method: 'POST', path: '/__mock/sessions', summary: 'Create a session: {name, preset? | seed?} (otherwise made on first use)' },
  { method: 'GET', path: '/__mock/sessions/{name}', summary: 'One session' },
  { method: 'DELETE', path: '/__mock/sessions/{name}', summary: 'End a session (its name starts fresh on next use)' },
] as const

const snoozeControlSchema = z.object({ conversation_id: idSchema, until: z.union([z.literal(''), timestampSchema]) })
const muteControlSchema = z.object({ conversation_id: idSchema, muted: z.boolean().optional() })

/** Answers whose body the server writes as it is made (chunked), instead of reading all of it first. */
const streamedAnswers = new WeakSet<Response>()

/** Whether the server should write this answer's body as it comes (the dataset export). */
export function isStreamedAnswer(response: Response): boolean {
  return streamedAnswers.has(response)
}

/**
 * `GET /__mock/dataset`: the state written record by record as the client reads it (a 100,000-conversation state
 * is about 190 MB of JSON), never held whole; the bytes are those of `JSON.stringify(await mock.exportDataset())`.
 */
function datasetAnswer(mock: HeymarketMock, requestId: string): Response {
  const response = new Response(exportDatasetStream(mock), { status: 200, headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId } })
  streamedAnswers.add(response)
  return response
}

function clockState(mock: HeymarketMock) {
  return { now: mock.clock.timestamp(), frozen: mock.clock.frozen }
}

/** A summary of what the mock holds: the ids a person needs to make a first request. */
export async function describeMock(mock: HeymarketMock) {
  await mock.ready
  const users = mock.db.user.findMany().sort((a, b) => a.id - b.id)
  const inboxes = mock.db.inbox.findMany().sort((a, b) => a.id - b.id)
  return {
    seed: mock.seed ?? null,
    clock: clockState(mock),
    counts: {
      inboxes: inboxes.length,
      users: users.length,
      contacts: mock.db.contact.count(),
      conversations: mock.db.conversation.count(),
      messages: mock.db.message.count(),
    },
    inboxes: inboxes.map((inbox) => ({ id: inbox.id, name: inbox.name, phone: inbox.phone, members: inbox.members })),
    users: users.map((user) => ({ id: user.id, name: user.name, role: user.role })),
  }
}

/**
 * Answers `/__mock/*`: reset, clock, inbound messages, state export. Uses the mock's public API only.
 */
export function createControlHandler(mock: HeymarketMock, options: ControlOptions) {
  return async function handleControl(request: Request, path: string): Promise<Response> {
    const requestId = crypto.randomUUID()
    const route = `${request.method} ${path.replace(/\/+$/, '')}`
    try {
      if (options.token !== undefined && request.headers.get(CONTROL_TOKEN_HEADER) !== options.token) {
        throw new ApiError(
          'unauthorized',
          `Failed to use the control endpoint: the ${CONTROL_TOKEN_HEADER} header is missing or wrong. Please send the token the server was started with (--control-token).`,
        )
      }
      const body = () => readJsonBody(request, options.maxBodyBytes, 'use the control endpoint')
      switch (route) {
        // The banner prints this address: it lists what the control plane answers.
        case 'GET /__mock':
          return jsonResponse(200, { endpoints: CONTROL_ENDPOINTS }, requestId)
        case 'GET /__mock/info':
          return jsonResponse(200, await describeMock(mock), requestId)
        case 'POST /__mock/reset':
          await mock.reset()
          return jsonResponse(200, { reset: true, clock: clockState(mock) }, requestId)
        case 'GET /__mock/clock':
          return jsonResponse(200, clockState(mock), requestId)
        case 'POST /__mock/clock': {
          const change = parseInput(clockControlSchema, await body(), 'change the clock')
          if (change.freeze && change.resume) {
            throw new ApiError('bad_data', 'Failed to change the clock: "freeze" and "resume" contradict each other. Please send one of them.', 'freeze')
          }
          try {
            if (change.set !== undefined) mock.clock.set(change.set)
            if (change.advance !== undefined) mock.clock.advance(change.advance)
          } catch (error) {
            throw new ApiError('bad_data', (error as Error).message, change.advance !== undefined ? 'advance' : 'set')
          }
          if (change.freeze) mock.clock.freeze()
          if (change.resume) mock.clock.resume()
          return jsonResponse(200, clockState(mock), requestId)
        }
        case 'POST /__mock/inbound':
          return jsonResponse(200, await mock.simulate.inbound((await body()) as never), requestId)
        case 'POST /__mock/snooze': {
          const input = parseInput(snoozeControlSchema, await body(), 'snooze conversation')
          return jsonResponse(200, await mock.simulate.snooze(input.conversation_id, input.until), requestId)
        }
        case 'POST /__mock/mute': {
          const input = parseInput(muteControlSchema, await body(), 'mute conversation')
          return jsonResponse(200, await mock.simulate.mute(input.conversation_id, input.muted ?? true), requestId)
        }
        case 'GET /__mock/dataset':
          await mock.ready
          return datasetAnswer(mock, requestId)
        case 'GET /__mock/requests':
          return jsonResponse(200, mock.requests, requestId)
        case 'GET /__mock/faults':
          return jsonResponse(200, mock.faults.list(), requestId)
        case 'POST /__mock/faults': {
          const rule = parseInput(faultRuleSchema, await body(), 'add a fault')
          return jsonResponse(200, { id: mock.faults.add(rule), faults: mock.faults.list() }, requestId)
        }
        case 'DELETE /__mock/faults':
          mock.faults.clear()
          return jsonResponse(200, { faults: [] }, requestId)
        case 'GET /__mock/health': {
          // With node --expose-gc, ?gc=1 collects garbage first, so that memory readings can be compared.
          const collect = (globalThis as { gc?: () => void }).gc
          if (new URL(request.url).searchParams.get('gc') === '1' && collect) collect()
          return jsonResponse(200, { uptimeSeconds: Math.round(process.uptime()), memory: process.memoryUsage() }, requestId)
        }
        default: {
          const faultId = /^DELETE \/__mock\/faults\/(\d+)$/.exec(route)
          if (faultId) {
            if (!mock.faults.remove(Number(faultId[1]))) throw new ApiError('not_found', `Failed to remove fault ${faultId[1]}: there is no such fault. Please see GET /__mock/faults.`, 'id')
            return jsonResponse(200, { faults: mock.faults.list() }, requestId)
          }
          const known = CONTROL_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`).join(', ')
          throw new ApiError('not_found', `Failed to handle ${route}: there is no such control endpoint. Please use one of: ${known}.`)
        }
      }
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error, requestId)
      console.error(`[heymarket-mock] ${route} failed inside the mock:`, error)
      return jsonResponse(500, { error: 'server_error', message: `Failed to handle ${route}: ${(error as Error).message}` }, requestId)
    }
  }
}
