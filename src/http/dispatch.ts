import type { MockContext } from '../rules/context.js'
import { errorBodySchema } from '../schema/errors.js'
import { ApiError } from '../rules/errors.js'
import { checkAuthorization, createStrictVerifier, type AuthOptions } from './auth.js'
import { delay, hang, type Faults } from './faults.js'
import type { RateLimiter } from './rate-limit.js'
import { parseJsonBody, readBodyText } from './read-body.js'
import { errorBody, STATUS_OF } from './respond.js'
import { findResponseDrift } from '../schema/response-drift.js'
import { queryOfSearch, type Route } from './route.js'
import { RequestLog } from './request-log.js'
import { stateVersion } from './state-version.js'
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
  /** How many requests the log keeps (the oldest go first); 0 keeps none. Default 1,000. */
  requestLogLimit?: number
}

export type { LoggedRequest } from './request-log.js'

export const DEFAULT_REQUEST_LOG_LIMIT = 1000

/** A request's body as the log keeps it: its JSON text, once it was read and was JSON of the wanted shape. */
type SentBody = { text?: string; isArray?: boolean }

/**
 * A request as the pipeline reads it: what a fetch `Request` and a node:http request can both give without
 * building the other. The HTTP server answers through this directly, so that it builds no `Request`,
 * `Headers`, `URL` or `Response` per request (they cost more than the rule does).
 */
export type PlainRequest = {
  /** Upper case. */
  method: string
  /** The path relative to the API root, e.g. `/v1/conversations`. */
  path: string
  /** The query string without its `?` (empty when there is none). */
  search: string
  /** A header by its lower-case name, or null. */
  header(name: string): string | null
  /** The body's bytes; read once. */
  readBody(): Promise<Uint8Array | ArrayBuffer>
  /** Aborts when the client goes away; a getter, so that a request which never waits need not make one. */
  readonly signal: AbortSignal
}

/** An answer before it becomes a `Response` or bytes on a socket. */
export type PlainAnswer = {
  status: number
  /** Lower-case names. */
  headers: Record<string, string>
  /** JSON, as text or UTF-8 bytes; empty for HEAD, whose `content-length` header gives the GET body's length. */
  body: string | Uint8Array
  /** Drop the connection rather than answer (an injected network fault, or a client that went away). */
  dropped?: true
}

/**
 * A `Request` read as a `PlainRequest`. Its URL is already serialized: a `?` or `#` in the path is
 * percent-encoded, so the query runs from the first `?` to the fragment's `#`, if any; a `?` after the `#` is
 * the fragment's.
 */
export function plainRequestOf(request: Request, path: string): PlainRequest {
  return new FetchPlainRequest(request, path)
}

/**
 * @note A class, not an object literal: a `get signal()` written in a literal made V8 give every request object
 * accessors of its own, which the young generation could not collect, and so every request, with the `Request`
 * its getter closes over, lived on into the old generation (found with the heap sampler; see the HTTP server's
 * `NodePlainRequest`). On the prototype, the getter is one function shared by all.
 */
class FetchPlainRequest implements PlainRequest {
  readonly method: string
  readonly search: string
  readonly #request: Request

  constructor(
    request: Request,
    readonly path: string,
  ) {
    const url = request.url
    const fragmentAt = url.indexOf('#')
    const end = fragmentAt === -1 ? url.length : fragmentAt
    const queryAt = url.indexOf('?')
    this.#request = request
    this.method = request.method.toUpperCase()
    this.search = queryAt === -1 || queryAt > end ? '' : url.slice(queryAt + 1, end)
  }

  header(name: string): string | null {
    return this.#request.headers.get(name)
  }

  readBody(): Promise<ArrayBuffer> {
    return this.#request.arrayBuffer()
  }

  get signal(): AbortSignal {
    return this.#request.signal
  }
}

const bodyEncoder = new TextEncoder()

/**
 * The `Response` a `PlainAnswer` stands for, with its `Content-Length`: the body's length in octets (RFC 9110
 * §8.6), as the HTTP server sends it too.
 * @note Without a length, msw's Node interceptor sends a mocked body chunked, and each `fetch` through it took
 * about 0.2 ms more (1.24 against 1.0 ms for a conversation, measured against a static handler's answer of the
 * same bytes with and without the header). A text body is encoded once here to know its length in bytes.
 */
export function responseOf(answer: PlainAnswer): Response {
  if (answer.dropped) return Response.error()
  if (answer.body.length === 0) return new Response(null, { status: answer.status, headers: answer.headers })
  const body = typeof answer.body === 'string' ? bodyEncoder.encode(answer.body) : answer.body
  const headers = answer.headers['content-length'] === undefined ? { ...answer.headers, 'content-length': String(body.byteLength) } : answer.headers
  return new Response(body as BodyInit, { status: answer.status, headers })
}

const DROPPED: PlainAnswer = Object.freeze({ status: 0, headers: Object.freeze({}) as Record<string, string>, body: '', dropped: true })

/** An answer with a JSON body. Header names are lower case, as `Headers` would give them. */
export function jsonAnswer(status: number, body: unknown, requestId: string, headers?: Record<string, string>): PlainAnswer {
  const answerHeaders: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId }
  if (headers) for (const name in headers) answerHeaders[name.toLowerCase()] = headers[name]!
  return { status, headers: answerHeaders, body: JSON.stringify(body) }
}

function errorAnswer(error: ApiError, requestId: string, status = STATUS_OF[error.code]): PlainAnswer {
  return jsonAnswer(status, errorBody(error), requestId, error.headers)
}

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

/** Answers remembered per route at most; past this a route's memo starts again (memory stays bounded). */
const MEMO_LIMIT = 256

/**
 * The answers of reads marked `memo` (a conversation page, a conversation, a count), by their validated input,
 * for as long as the state they were made from lasts. A UI polls the same page again and again between writes;
 * each poll after the first is answered without running the rule. Any change to any table (see `stateVersion`)
 * retires every remembered answer. Only successful answers are remembered.
 */
function createAnswerMemo() {
  const byRoute = new Map<Route, { version: number; answers: Map<string, string | Uint8Array> }>()
  return {
    recall(route: Route, key: string, version: number): string | Uint8Array | undefined {
      const memo = byRoute.get(route)
      return memo && memo.version === version ? memo.answers.get(key) : undefined
    },
    remember(route: Route, key: string, version: number, answer: string | Uint8Array): void {
      let memo = byRoute.get(route)
      if (!memo || memo.version !== version || memo.answers.size >= MEMO_LIMIT) {
        memo = { version, answers: new Map() }
        byRoute.set(route, memo)
      }
      memo.answers.set(key, answer)
    },
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
  const requestLog = new RequestLog(options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT)

  /** Writes a request and its answer into the log (after the answer is made, so the status is known). */
  function log(request: PlainRequest, operationId: string | null, sent: SentBody | undefined, answer: PlainAnswer, requestId: string): PlainAnswer {
    requestLog.add(request.method, request.path, request.search, sent?.text, sent?.isArray ?? false, answer.dropped ? 0 : answer.status, answer.dropped ? '' : requestId, operationId)
    return answer
  }
  const actions = new Map(routes.map((route) => [route, actionOf(route)]))
  const answerMemo = createAnswerMemo()
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

  /** The query as an object, read at most once per request (and only when the route has a query schema). */
  function queryReader(search: string): () => Record<string, string | string[]> {
    let query: Record<string, string | string[]> | undefined
    return () => (query ??= queryOfSearch(search))
  }

  async function handlePlain(route: Route, request: PlainRequest, rawParams: Record<string, string | readonly string[] | undefined>): Promise<PlainAnswer> {
    const requestId = options.nextRequestId()
    const sent: SentBody = {}
    const answered = await answer(route, request, queryReader(request.search), rawParams, requestId, sent)
    return log(request, route.operationId, sent, answered, requestId)
  }

  async function answer(
    route: Route,
    request: PlainRequest,
    readQueryOnce: () => Record<string, string | string[]>,
    rawParams: Record<string, string | readonly string[] | undefined>,
    requestId: string,
    sent: SentBody,
  ): Promise<PlainAnswer> {
    const action = actions.get(route) ?? actionOf(route)
    try {
      const faulted = await applyFaults(route.operationId, request, requestId)
      if (faulted) return faulted
      const credential = await checkAuthorization(request.header('authorization'), authMode, verifyStrict)
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
      const query = route.query ? parseInput(route.query, readQueryOnce(), action) : undefined
      let body: unknown
      if (route.body) {
        const shape = route.bodyShape ?? 'object'
        const text = await readBodyText(request, options.maxBodyBytes, action)
        const parsed = parseJsonBody(text, action, shape)
        // Logged once it is JSON of the right shape, before validation: the log shows what was sent.
        sent.text = text
        sent.isArray = shape === 'array'
        body = parseInput(route.body, applyRequestConventions(parsed, shape), action)
      }
      // One transaction per request: whatever throws once the rule has started writing (a refusal, a bug, an
      // answer that drifts from its schema) undoes every write and gives back the ids drawn.
      const json = await runAlone(async () => {
        // Inside the turn, after due work: the state is the one this request's answer is made from.
        const memoKey = route.memo ? JSON.stringify([params, query, body]) : undefined
        const version = memoKey === undefined ? 0 : stateVersion(ctx.store)
        const remembered = memoKey === undefined ? undefined : answerMemo.recall(route, memoKey, version)
        if (remembered !== undefined) return remembered
        const made = await ctx.store.transaction(async () => {
          const answer = await route.handle(ctx, { body, params, query } as never)
          if (options.validateResponses) {
            const drift = findResponseDrift(route.response, answer)
            if (drift) throw new ResponseDrift(drift)
          }
          // Written inside the turn: a route's own serializer may read the store as the rule left it.
          return route.serialize ? route.serialize(ctx, answer) : JSON.stringify(answer)
        })
        if (memoKey !== undefined && stateVersion(ctx.store) === version) answerMemo.remember(route, memoKey, version, made)
        return made
      })
      return { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: json }
    } catch (error) {
      if (error instanceof ResponseDrift) return driftError(route, error.drift, requestId)
      if (error instanceof ApiError) {
        if (options.validateResponses) {
          const drift = findResponseDrift(errorBodySchema, errorBody(error))
          if (drift) return driftError(route, drift, requestId)
        }
        return errorAnswer(error, requestId)
      }
      // The client gave up (a hang, a latency it would not wait for): there is no one to answer.
      if (request.signal.aborted) return DROPPED
      return internalError(error, `${route.method} ${route.path}`, requestId)
    }
  }

  /**
   * Injected faults, before anything else (they stand for the network and the servers in front of the API):
   * latency, then a network error, a hang, or an error answer.
   */
  async function applyFaults(operationId: string | undefined, request: PlainRequest, requestId: string): Promise<PlainAnswer | undefined> {
    const decision = options.faults.decide(operationId)
    if (!decision) return undefined
    if (decision.latencyMs > 0) await delay(decision.latencyMs, request.signal)
    const failure = decision.failure
    if (!failure) return undefined
    if ('network' in failure) {
      if (failure.network === 'hang') await hang(request.signal)
      return DROPPED
    }
    const code = failure.status === 429 ? 'rate_limited' : 'server_error'
    const reason = failure.status === 429 ? 'too many requests' : `the server answered ${failure.status}`
    return errorAnswer(
      new ApiError(code, `Failed to handle the request: ${reason} (a fault injected into the mock). Please retry later.`, undefined, {
        ...(failure.retryAfterSeconds !== undefined ? { 'Retry-After': String(failure.retryAfterSeconds) } : {}),
      }),
      requestId,
      failure.status,
    )
  }

  /** An answer that does not match its schema: a bug in the mock, reported loudly rather than sent on. */
  function driftError(route: Route, drift: string, requestId: string): PlainAnswer {
    const message = `Failed to handle ${route.method} ${route.path}: the mock's answer does not match the ${route.operationId} schema (${drift}). Please report this as a heymarket-mock bug.`
    console.error(`[heymarket-mock] response drift: ${message}`)
    return jsonAnswer(500, { error: 'server_error', message }, requestId, { 'X-Heymarket-Mock-Drift': route.operationId })
  }

  function internalError(error: unknown, what: string, requestId: string): PlainAnswer {
    console.error(`[heymarket-mock] ${what} failed inside the mock:`, error)
    const reason = error instanceof Error ? error.message : String(error)
    return jsonAnswer(
      500,
      { error: 'server_error', message: `Failed to handle ${what}: the mock itself failed (${reason}). Please report this as a heymarket-mock bug.` },
      requestId,
    )
  }

  /**
   * HEAD is answered as GET without a body (RFC 9110 §9.3.2): the same status and headers, Content-Length
   * included, so that a client can check a resource without downloading it.
   */
  async function headOf(route: Route, request: PlainRequest, params: Record<string, string>): Promise<PlainAnswer> {
    const full = await handlePlain(route, request, params)
    if (full.dropped) return full
    return { status: full.status, headers: { ...full.headers, 'content-length': String(typeof full.body === 'string' ? utf8Length(full.body) : full.body.byteLength) }, body: '' }
  }

  /** The answer for a path under the API that no endpoint serves. */
  async function unmatchedPlain(request: PlainRequest): Promise<PlainAnswer> {
    if (request.method === 'HEAD') {
      const asGet = router.match('GET', request.path)
      if (asGet.kind === 'route') return headOf(asGet.route, request, asGet.params)
    }
    const requestId = options.nextRequestId()
    return log(request, null, undefined, unmatchedAnswer(request, requestId), requestId)
  }

  function unmatchedAnswer(request: PlainRequest, requestId: string): PlainAnswer {
    const { method, path } = request
    const found = router.match(method, path)
    if (found.kind === 'method') {
      const allowed = found.allowed.includes('GET') ? [...found.allowed, 'HEAD'] : found.allowed
      const error = new ApiError(
        'method_not_allowed',
        `Failed to handle ${method} ${path}: this endpoint accepts ${allowed.join(', ')}. Please use ${allowed.join(' or ')}.`,
        undefined,
        { Allow: allowed.join(', ') },
      )
      return errorAnswer(error, requestId)
    }
    return errorAnswer(
      new ApiError('not_found', `Failed to handle ${method} ${path}: the Heymarket API has no such endpoint. Please check the path (see the README's endpoint table).`),
      requestId,
    )
  }

  /** Routes a request by its path (relative to the API root) and answers it. */
  function answerPlain(request: PlainRequest): Promise<PlainAnswer> {
    const found = router.match(request.method, request.path)
    if (found.kind === 'route') return handlePlain(found.route, request, found.params)
    return unmatchedPlain(request)
  }

  return {
    /** Routes a fetch `Request` by its path relative to the API root and answers it. */
    dispatch: async (request: Request, pathname: string): Promise<Response> => responseOf(await answerPlain(plainRequestOf(request, pathname))),
    /** Routes and answers a `PlainRequest` (the HTTP server's way in). */
    answerPlain,
    exclusive,
    runAlone,
    busy: exclusive.busy,
    /** The requests answered since the start or the last `clearRequests()`, oldest first (copies). */
    requests: () => requestLog.entries(),
    clearRequests: () => requestLog.clear(),
  }
}

/** The UTF-8 length of a string, without encoding it. */
function utf8Length(text: string): number {
  let length = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) length += 1
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2
      i++
    } else length += 2
  }
  return length
}

export type Dispatcher = ReturnType<typeof createDispatcher>
