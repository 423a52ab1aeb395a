import type { MockContext } from '../rules/context.js'
import { errorBodySchema } from '../schema/errors.js'
import { ApiError } from '../rules/errors.js'
import { checkAuthorization, createStrictVerifier, type AuthOptions } from './auth.js'
import { delay, hang, type Faults } from './faults.js'
import type { RateLimiter } from './rate-limit.js'
import { readJsonBody } from './read-body.js'
import { errorBody, errorResponse, jsonResponse } from './respond.js'
import { findResponseDrift } from '../schema/response-drift.js'
import { readQuery, type Route } from './route.js'
import { Router } from './router.js'
import { applyRequestConventions, parseInput } from './validation.js'

export type DispatcherOptions = {
  auth: AuthOptions
  maxBodyBytes: number
  faults: Faults
  /** Present when the rate limit is on. */
  rateLimiter?: RateLimiter
  /** Resolves when the store has loaded; rejects when it could not. */
  ready: Promise<void>
  /** The next `X-Request-Id`. */
  nextRequestId: () => string
  /**
   * Runs before each rule, inside the same turn (the mock catches up with its clock here). Returns a promise
   * only when it has work to wait for.
   */
  beforeEach?: () => Promise<void> | undefined
  /** Check every answer against its schema; a drift becomes a 500 naming it (see `validateResponses`). */
  validateResponses?: boolean
  /** Runs after each turn (a request's rule, a simulation, a reset) has finished. */
  afterTurn?: () => void
  /** The path of a request relative to the API root (for the request log). */
  apiPathOf?: (url: string) => string
  /** How many requests the log keeps (the oldest go first); 0 keeps none. Default 1,000. */
  requestLogLimit?: number
}

/** One request the mock answered, as `mock.requests` lists it. */
export type LoggedRequest = {
  method: string
  /** The path relative to the API root, e.g. `/v1/conversations`. */
  path: string
  /** The query string as an object (a repeated key is an array). */
  query: Record<string, string | string[]>
  /** The JSON body as sent (before validation), or null when there was none or it was not JSON. */
  body: unknown
  /** The answer's status; 0 for a dropped connection. */
  status: number
  /** The answer's `X-Request-Id` (empty for a dropped connection). */
  requestId: string
  /** The operation the path matched (`listConversations`), or null for paths the API does not have. */
  operationId: string | null
}

export const DEFAULT_REQUEST_LOG_LIMIT = 1000

/** `listConversations` → `list conversations`, for error messages. */
function actionOf(route: Route): string {
  return route.operationId.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

const NO_PARAMS = Object.freeze({})

/** An answer that does not match its schema, thrown inside the request's transaction so that it rolls back. */
class ResponseDrift extends Error {
  constructor(readonly drift: string) {
    super(drift)
  }
}

/**
 * Runs one callback at a time. Every request's rule runs alone, so that a rule that awaits (creating a record)
 * is never interleaved with another request's reads or writes.
 */
function createExclusive(afterTurn?: () => void) {
  let tail: Promise<unknown> = Promise.resolve()
  let running = 0
  const guarded = async <T>(task: () => T | Promise<T>): Promise<T> => {
    running++
    try {
      return await task()
    } finally {
      running--
      if (running === 0) afterTurn?.()
    }
  }
  const exclusive = <T>(task: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(
      () => guarded(task),
      () => guarded(task),
    )
    tail = run.catch(() => undefined)
    return run
  }
  /** Whether a task of the mock's own is running now (so a write now is the mock's, not a direct one). */
  const busy = () => running > 0
  return Object.assign(exclusive, { busy })
}

/**
 * The request pipeline every endpoint shares: request id, credentials, body and parameters validated against
 * the route's schemas, the rule run alone, the answer or the error serialized. Nothing a client sends reaches
 * a 500: rules report client mistakes as `ApiError`s, and anything else is a bug in the mock.
 */
export function createDispatcher(ctx: MockContext, routes: readonly Route[], options: DispatcherOptions) {
  const router = new Router(routes)
  const exclusive = createExclusive(options.afterTurn)
  const requestLog: LoggedRequest[] = []
  const logLimit = options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT
  const pathOf = options.apiPathOf ?? ((url: string) => new URL(url).pathname)

  /** Writes a request and its answer into the log (after the answer is made, so the status is known). */
  function log(request: Request, operationId: string | null, body: unknown, response: Response, requestId: string): Response {
    if (logLimit <= 0) return response
    const url = new URL(request.url)
    requestLog.push({
      method: request.method,
      path: pathOf(request.url),
      query: readQuery(url.searchParams),
      body: body === undefined ? null : body,
      status: response.type === 'error' ? 0 : response.status,
      requestId: response.type === 'error' ? '' : requestId,
      operationId,
    })
    if (requestLog.length > logLimit) requestLog.splice(0, requestLog.length - logLimit)
    return response
  }
  const actions = new Map(routes.map((route) => [route, actionOf(route)]))
  const authMode = typeof options.auth === 'string' ? options.auth : 'strict'
  const verifyStrict = typeof options.auth === 'object' ? createStrictVerifier(options.auth) : undefined
  let loaded = false
  options.ready.then(
    () => (loaded = true),
    () => undefined,
  )

  /** Runs a rule alone, once the data is loaded and due work is done (without awaiting what is already done). */
  function runAlone<T>(task: () => T | Promise<T>): Promise<T> {
    return exclusive(async () => {
      if (!loaded) await options.ready
      const due = options.beforeEach?.()
      if (due) await due
      return task()
    })
  }

  async function handle(route: Route, request: Request, rawParams: Record<string, string | readonly string[] | undefined>): Promise<Response> {
    const requestId = options.nextRequestId()
    const sent: { body?: unknown } = {}
    const response = await answer(route, request, rawParams, requestId, sent)
    return log(request, route.operationId, sent.body, response, requestId)
  }

  async function answer(
    route: Route,
    request: Request,
    rawParams: Record<string, string | readonly string[] | undefined>,
    requestId: string,
    sent: { body?: unknown },
  ): Promise<Response> {
    const action = actions.get(route) ?? actionOf(route)
    try {
      const faulted = await applyFaults(route.operationId, request, requestId)
      if (faulted) return faulted
      const credential = await checkAuthorization(request.headers.get('authorization'), authMode, verifyStrict)
      if (options.rateLimiter) {
        const verdict = options.rateLimiter.take(credential)
        if (!verdict.allowed) {
          throw new ApiError(
            'rate_limited',
            `Failed to ${action}: these credentials sent more than ${options.rateLimiter.limit} requests in a minute. Please retry after ${verdict.retryAfterSeconds} seconds.`,
            undefined,
            { 'Retry-After': String(verdict.retryAfterSeconds) },
          )
        }
      }
      const params = route.params ? parseInput(route.params, rawParams, action) : NO_PARAMS
      const query = route.query ? parseInput(route.query, readQuery(new URL(request.url).searchParams), action) : undefined
      if (route.body) sent.body = await readJsonBody(request, options.maxBodyBytes, action, route.bodyShape ?? 'object')
      const body = route.body ? parseInput(route.body, applyRequestConventions(sent.body, route.bodyShape ?? 'object'), action) : undefined
      // One transaction per request: whatever throws once the rule has started writing (a refusal, a bug, an
      // answer that drifts from its schema) undoes every write and gives back the ids drawn.
      const result = await runAlone(() =>
        ctx.store.transaction(async () => {
          const answer = await route.handle(ctx, { body, params, query, request } as never)
          if (options.validateResponses) {
            const drift = findResponseDrift(route.response, answer)
            if (drift) throw new ResponseDrift(drift)
          }
          return answer
        }),
      )
      return jsonResponse(200, result, requestId)
    } catch (error) {
      if (error instanceof ResponseDrift) return driftError(route, error.drift, requestId)
      if (error instanceof ApiError) {
        if (options.validateResponses) {
          const drift = findResponseDrift(errorBodySchema, errorBody(error))
          if (drift) return driftError(route, drift, requestId)
        }
        return errorResponse(error, requestId)
      }
      // The client gave up (a hang, a latency it would not wait for): there is no one to answer.
      if (request.signal.aborted) return Response.error()
      return internalError(error, `${route.method} ${route.path}`, requestId)
    }
  }

  /**
   * Injected faults, before anything else (they stand for the network and the servers in front of the API):
   * latency, then a network error, a hang, or an error answer.
   */
  async function applyFaults(operationId: string | undefined, request: Request, requestId: string): Promise<Response | undefined> {
    const decision = options.faults.decide(operationId)
    if (!decision) return undefined
    if (decision.latencyMs > 0) await delay(decision.latencyMs, request.signal)
    const failure = decision.failure
    if (!failure) return undefined
    if ('network' in failure) {
      if (failure.network === 'hang') await hang(request.signal)
      return Response.error()
    }
    const code = failure.status === 429 ? 'rate_limited' : 'server_error'
    const reason = failure.status === 429 ? 'too many requests' : `the server answered ${failure.status}`
    return errorResponse(
      new ApiError(code, `Failed to handle the request: ${reason} (a fault injected into the mock). Please retry later.`, undefined, {
        ...(failure.retryAfterSeconds !== undefined ? { 'Retry-After': String(failure.retryAfterSeconds) } : {}),
      }),
      requestId,
      failure.status,
    )
  }

  /** An answer that does not match its schema: a bug in the mock, reported loudly rather than sent on. */
  function driftError(route: Route, drift: string, requestId: string): Response {
    const message = `Failed to handle ${route.method} ${route.path}: the mock's answer does not match the ${route.operationId} schema (${drift}). Please report this as a heymarket-mock bug.`
    console.error(`[heymarket-mock] response drift: ${message}`)
    return jsonResponse(500, { error: 'server_error', message }, requestId, { 'X-Heymarket-Mock-Drift': route.operationId })
  }

  function internalError(error: unknown, what: string, requestId: string): Response {
    console.error(`[heymarket-mock] ${what} failed inside the mock:`, error)
    const reason = error instanceof Error ? error.message : String(error)
    return jsonResponse(
      500,
      { error: 'server_error', message: `Failed to handle ${what}: the mock itself failed (${reason}). Please report this as a heymarket-mock bug.` },
      requestId,
    )
  }

  /**
   * HEAD is answered as GET without a body (RFC 9110 §9.3.2): the same status and headers, Content-Length
   * included, so that a client can check a resource without downloading it.
   */
  async function headOf(route: Route, request: Request, params: Record<string, string>): Promise<Response> {
    const full = await handle(route, request, params)
    const length = (await full.arrayBuffer()).byteLength
    const headers = new Headers(full.headers)
    headers.set('Content-Length', String(length))
    return new Response(null, { status: full.status, statusText: full.statusText, headers })
  }

  /** The answer for a path under the API that no endpoint serves. */
  async function unmatched(request: Request, pathname: string): Promise<Response> {
    if (request.method === 'HEAD') {
      const asGet = router.match('GET', pathname)
      if (asGet.kind === 'route') return headOf(asGet.route, request, asGet.params)
    }
    const requestId = options.nextRequestId()
    return log(request, null, undefined, unmatchedAnswer(request, pathname, requestId), requestId)
  }

  function unmatchedAnswer(request: Request, pathname: string, requestId: string): Response {
    const found = router.match(request.method, pathname)
    if (found.kind === 'method') {
      const allowed = found.allowed.includes('GET') ? [...found.allowed, 'HEAD'] : found.allowed
      const error = new ApiError(
        'method_not_allowed',
        `Failed to handle ${request.method} ${pathname}: this endpoint accepts ${allowed.join(', ')}. Please use ${allowed.join(' or ')}.`,
        undefined,
        { Allow: allowed.join(', ') },
      )
      return errorResponse(error, requestId)
    }
    return errorResponse(
      new ApiError('not_found', `Failed to handle ${request.method} ${pathname}: the Heymarket API has no such endpoint. Please check the path (see the README's endpoint table).`),
      requestId,
    )
  }

  /** Routes a request by its path (relative to the API root) and answers it. */
  async function dispatch(request: Request, pathname: string): Promise<Response> {
    const found = router.match(request.method, pathname)
    if (found.kind === 'route') return handle(found.route, request, found.params)
    return unmatched(request, pathname)
  }

  return {
    handle,
    unmatched,
    dispatch,
    exclusive,
    runAlone,
    busy: exclusive.busy,
    /** The requests answered since the start or the last `clearRequests()`, oldest first (copies). */
    requests: (): LoggedRequest[] => requestLog.map((entry) => structuredClone(entry)),
    clearRequests(): void {
      requestLog.length = 0
    },
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>
