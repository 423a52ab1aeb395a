import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHeymarketMock, plainPipelineOf, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
import type { PlainAnswer, PlainRequest } from '../http/dispatch.js'
import { CONTROL_ENDPOINTS, CONTROL_PREFIX, CONTROL_TOKEN_HEADER, createControlHandler, describeMock, isStreamedAnswer } from './control.js'
import { renderIndexPage } from './index-page.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-body.js'
import { createOpenApiDocument } from '../client/index.js'
import { createWebhookDelivery } from './webhook-delivery.js'
import { routes } from '../core/create-heymarket-mock.js'
import { Router } from '../http/router.js'
import {
  controlRequestProblem,
  hostRefusal,
  IMPLEMENTED_METHODS,
  isAllowedHost,
  methodRefusal,
  parseErrorRefusal,
  readRequestTarget,
  writeRawRefusal,
  type EdgeRefusal,
} from './edge.js'
import { createSessionRouter, type ChosenSession, type SessionOptions, type ServerSessions } from './session-routing.js'

export type HeymarketHttpServerOptions = Omit<HeymarketMockOptions, 'baseUrl'> & SessionOptions & {
  /** Port to listen on (default 4010; 0 picks a free one). */
  port?: number
  /** Interface to bind (default 127.0.0.1: reachable from this machine only). */
  host?: string
  /** Serve the `/__mock/*` control endpoints (default true). */
  control?: boolean
  /** Require this token in the `X-Mock-Control-Token` header on control requests. */
  controlToken?: string
  /**
   * CORS for browser clients: `true` allows any origin, a string or list allows those origins.
   * Off by default.
   */
  cors?: boolean | string | string[]
  /**
   * Host names the server answers besides its own address, `localhost` and IP literals (for containers and
   * proxies: `['heymarket-mock']`; `'.example.test'` allows subdomains); `true` answers any Host. Requests
   * naming another host get 403, which is what keeps DNS-rebinding pages out.
   */
  allowedHosts?: string[] | true
  /** Time allowed for in-flight requests when closing, after which connections are cut (default 5 s). */
  closeTimeoutMs?: number
  /** POST every webhook event to this URL, as the service does to the URL configured in the app. */
  webhookUrl?: string
  /** Pauses before webhook retries, in milliseconds (default 500, 2000, 8000). */
  webhookRetryDelaysMs?: number[]
}

export type HeymarketHttpServer = {
  /** `http://127.0.0.1:4010` */
  url: string
  port: number
  host: string
  /** The default session's mock: what requests that name no session use. */
  mock: HeymarketMock
  server: Server
} & ServerSessions & {
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>
}

const DEFAULT_PORT = 4010
const DEFAULT_HOST = '127.0.0.1'

function allowedOrigin(cors: HeymarketHttpServerOptions['cors'], origin: string | undefined): string | undefined {
  if (!cors || !origin) return undefined
  if (cors === true) return '*'
  const list = Array.isArray(cors) ? cors : [cors]
  return list.includes(origin) || list.includes('*') ? origin : undefined
}

/**
 * Some clients send a JSON body on GET (`GET /v1/messages` with `phoneNumber` in the body). A fetch `Request`
 * cannot carry a GET body, so its top-level fields fill in query parameters the URL does not already have.
 */
function mergeBodyIntoQuery(search: string, body: Buffer): string {
  if (body.length === 0) return search
  let fields: unknown
  try {
    fields = JSON.parse(body.toString('utf8'))
  } catch {
    return search
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return search
  const params = new URLSearchParams(search)
  for (const [key, value] of Object.entries(fields)) {
    if (params.has(key) || value === null || (typeof value === 'object' && !Array.isArray(value))) continue
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
  }
  const merged = params.toString()
  return merged === '' ? '' : `?${merged}`
}

/**
 * A node:http request as the mock's pipeline reads it, with no `Request`, `Headers` or `URL` made for it. The
 * abort signal is made only if something asks for it (a fault that waits), since most requests never do.
 */
function plainRequestFrom(incoming: IncomingMessage, outgoing: ServerResponse, method: string, pathname: string, search: string, body: Buffer): PlainRequest {
  return new NodePlainRequest(incoming, outgoing, method, pathname, search.startsWith('?') ? search.slice(1) : search, body)
}

/**
 * @note A class, not an object literal with `get signal()`: written in a literal, the getter made V8 give each
 * request object accessors of its own that the young generation could not collect, so every request (its
 * IncomingMessage, ServerResponse and body) was promoted to the old generation: 11-12% of what a list request
 * allocated, against 2% without the getter, measured with --trace-gc under load. On the prototype the getter is
 * shared, and a request is garbage as soon as it is answered.
 */
class NodePlainRequest implements PlainRequest {
  #signal: AbortSignal | undefined

  constructor(
    readonly incoming: IncomingMessage,
    readonly outgoing: ServerResponse,
    readonly method: string,
    readonly path: string,
    readonly search: string,
    readonly body: Buffer,
  ) {}

  header(name: string): string | null {
    const value = this.incoming.headers[name]
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
  }

  readBody(): Promise<Buffer> {
    return Promise.resolve(this.body)
  }

  get signal(): AbortSignal {
    if (this.#signal) return this.#signal
    const disconnected = new AbortController()
    this.#signal = disconnected.signal
    const outgoing = this.outgoing
    if (outgoing.closed || outgoing.destroyed) disconnected.abort()
    else {
      outgoing.on('close', () => {
        if (!outgoing.writableFinished) disconnected.abort()
      })
    }
    return this.#signal
  }
}

/** Writes a plain answer: one head and one body write, or a dropped connection for a network fault. */
function sendPlain(outgoing: ServerResponse, answer: PlainAnswer, extraHeaders: Record<string, string>): void {
  if (answer.dropped) {
    outgoing.destroy()
    return
  }
  const headers = { ...extraHeaders, ...answer.headers }
  // A HEAD answer has no body but says how long the GET body is.
  headers['content-length'] ??= String(Buffer.byteLength(answer.body))
  outgoing.writeHead(answer.status, headers)
  outgoing.end(typeof answer.body === "string" ? answer.body : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength))
}

function toRequest(incoming: IncomingMessage, url: URL, method: string, body: Buffer | undefined, signal: AbortSignal): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  return new Request(url, {
    method,
    headers,
    signal,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: new Uint8Array(body ?? []) }),
  })
}

/** An answer the server gives itself (edge refusals, 413 before reading): JSON, with a request id. */
function sendRefusal(outgoing: ServerResponse, refusal: EdgeRefusal, extraHeaders: Record<string, string>, closeConnection = false): void {
  const body = JSON.stringify({ error: refusal.error, message: refusal.message })
  outgoing.writeHead(refusal.status, {
    ...extraHeaders,
    ...refusal.headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': crypto.randomUUID(),
    ...(closeConnection ? { connection: 'close' } : {}),
  })
  outgoing.end(body)
}

/** Reads a request body, stopping at `limit + 1` bytes so that an oversized body cannot fill memory. */
function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    incoming.on('data', (chunk: Buffer) => {
      if (size > limit) return
      size += chunk.length
      chunks.push(chunk)
    })
    incoming.on('end', () => resolve(Buffer.concat(chunks)))
    incoming.on('error', reject)
  })
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

async function send(outgoing: ServerResponse, response: Response, extraHeaders: Record<string, string>): Promise<void> {
  // A network-error answer (an injected fault): drop the connection, as a failing network would.
  if (response.type === 'error') {
    outgoing.destroy()
    return
  }
  const headers: Record<string, string> = { ...extraHeaders }
  response.headers.forEach((value, name) => (headers[name] = value))
  headers['x-request-id'] ??= crypto.randomUUID()
  if (isStreamedAnswer(response) && response.body) return sendStreamed(outgoing, response.status, headers, response.body)
  const body = Buffer.from(await response.arrayBuffer())
  // A HEAD answer has no body but says how long the GET body is.
  headers['content-length'] = body.length === 0 && response.headers.has('content-length') ? response.headers.get('content-length')! : String(body.length)
  outgoing.writeHead(response.status, headers)
  outgoing.end(body)
}

/**
 * Writes a body as it is made (chunked), at the pace the client reads: at most a chunk is held. A client that goes
 * away cancels the body (which lets the mock go, for the dataset export); a body that fails half-way cuts the
 * connection, so that the client sees a broken transfer rather than a short, well-formed-looking answer.
 */
async function sendStreamed(outgoing: ServerResponse, status: number, headers: Record<string, string>, body: ReadableStream<Uint8Array>): Promise<void> {
  outgoing.writeHead(status, headers)
  const reader = body.getReader()
  const gone = new Promise<void>((resolve) => outgoing.once('close', resolve))
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (outgoing.destroyed) return
      if (!outgoing.write(value)) await Promise.race([new Promise<void>((resolve) => outgoing.once('drain', resolve)), gone])
    }
    outgoing.end()
  } catch (error) {
    console.error('[heymarket-mock] The HTTP server failed half-way through an answer:', error)
    outgoing.destroy()
  } finally {
    reader.cancel().catch(() => undefined)
  }
}

/**
 * Serves the mock over plain HTTP for clients in any language.
 *
 * @example
 * const { url, close } = await startHeymarketServer({ port: 0, seed: 7 })
 */
export async function startHeymarketServer(options: HeymarketHttpServerOptions = {}): Promise<HeymarketHttpServer> {
  const {
    port = DEFAULT_PORT,
    host = DEFAULT_HOST,
    control = true,
    controlToken,
    cors,
    allowedHosts,
    closeTimeoutMs = 5000,
    webhookUrl,
    webhookRetryDelaysMs,
    maxSessions,
    sessionIdleMs,
    ...mockOptions
  } = options
  const webhooks = webhookUrl ? createWebhookDelivery(webhookUrl, webhookRetryDelaysMs ? { retryDelaysMs: webhookRetryDelaysMs } : {}) : undefined
  const maxBodyBytes = mockOptions.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const mock = createHeymarketMock(mockOptions)
  if (webhooks) mock.on('*', (event) => webhooks.deliver(event))
  await mock.ready
  const controlOptions = { maxBodyBytes, ...(controlToken !== undefined ? { token: controlToken } : {}) }
  const sessions = createSessionRouter({
    defaultMock: mock,
    mockOptions,
    control: (sessionMock) => createControlHandler(sessionMock, controlOptions),
    controlOptions,
    ...(maxSessions !== undefined ? { maxSessions } : {}),
    ...(sessionIdleMs !== undefined ? { sessionIdleMs } : {}),
    ...(webhooks ? { onSessionEvent: (event, name) => webhooks.deliver(event, { 'X-Heymarket-Mock-Session': name }) } : {}),
  })
  let origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  const apiRouter = new Router(routes)
  /** The methods a path accepts, for the Allow header of a 405. */
  const allowedMethodsOf = (path: string): string[] => {
    if (path === '/' || path === '/openapi.json') return ['GET', 'HEAD']
    if (control && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))) {
      const pattern = (endpoint: string) => new RegExp(`^${endpoint.replace(/\{[^}]+\}/g, '[^/]+')}/?$`)
      const methods = new Set<string>(CONTROL_ENDPOINTS.filter((endpoint) => pattern(endpoint.path).test(path)).map((endpoint) => endpoint.method))
      if (methods.has('GET')) methods.add('HEAD')
      return methods.size > 0 ? [...methods] : [...IMPLEMENTED_METHODS]
    }
    const found = apiRouter.match('TRACE', path)
    if (found.kind !== 'method') return [...IMPLEMENTED_METHODS]
    return found.allowed.includes('GET') ? [...found.allowed, 'HEAD'] : [...found.allowed]
  }

  // Node's own missing-Host refusal is a bare 400; the handler answers it with a message and a request id.
  const server = createServer({ requireHostHeader: false }, async (incoming, outgoing) => {
    const corsOrigin = allowedOrigin(cors, incoming.headers.origin)
    let chosen: ChosenSession | undefined
    const corsHeaders: Record<string, string> = {
      // The answer depends on Origin whenever CORS is on, so caches must keep answers apart by it.
      ...(cors ? { vary: 'Origin' } : {}),
      ...(corsOrigin ? { 'access-control-allow-origin': corsOrigin, 'access-control-expose-headers': 'X-Request-Id, Retry-After' } : {}),
    }
    try {
      const method = (incoming.method ?? 'GET').toUpperCase()
      let target = readRequestTarget(incoming.url)
      if (target.kind === 'refused') return sendRefusal(outgoing, target.refusal, corsHeaders)
      const requestHost = target.authority ?? incoming.headers.host
      if (requestHost === undefined && incoming.httpVersion === '1.1') {
        return sendRefusal(outgoing, { status: 400, error: 'bad_data', message: 'Failed to read the request: HTTP/1.1 requires a Host header (RFC 9112 §3.2). Please send one.' }, corsHeaders)
      }
      if (!isAllowedHost(requestHost, { boundHost: host, ...(allowedHosts ? { allowedHosts } : {}) })) {
        return sendRefusal(outgoing, hostRefusal(requestHost), corsHeaders)
      }
      let path = target.pathname
      if (!(IMPLEMENTED_METHODS as readonly string[]).includes(method)) return sendRefusal(outgoing, methodRefusal(method, path, allowedMethodsOf(path)), corsHeaders)
      // Sessions: `/sessions/<name>` comes off the path (or the header names one); the rest goes to its mock.
      const picked = await sessions.choose(incoming)
      if (picked instanceof Response) return await send(outgoing, picked, corsHeaders)
      chosen = picked
      const { mock, handleControl, prefix } = picked
      const base = `${origin}${prefix}`
      const sessionTarget = readRequestTarget(incoming.url)
      if (sessionTarget.kind === 'refused') return sendRefusal(outgoing, sessionTarget.refusal, corsHeaders)
      target = sessionTarget
      path = target.pathname
      if (method === 'OPTIONS' && corsOrigin) {
        outgoing.writeHead(204, {
          ...corsHeaders,
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
          'access-control-allow-headers': `Authorization, Content-Type, ${CONTROL_TOKEN_HEADER}`,
          'access-control-max-age': '600',
          'x-request-id': crypto.randomUUID(),
        })
        outgoing.end()
        return
      }
      // A declared length over the limit is refused before a byte of the body is read.
      const declared = Number(incoming.headers['content-length'] ?? '0')
      if (declared > maxBodyBytes) {
        return sendRefusal(
          outgoing,
          {
            status: 413,
            error: 'payload_too_large',
            message: `Failed to read the request: its Content-Length is ${declared} bytes, over the limit of ${maxBodyBytes} bytes. Please send a smaller body (or start the server with a larger --max-body-bytes).`,
          },
          corsHeaders,
          true,
        )
      }
      const isControl = control && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))
      const body = await readBody(incoming, maxBodyBytes)
      if (isControl) {
        const problem = controlRequestProblem({
          method,
          headers: {
            origin: incoming.headers.origin,
            'sec-fetch-site': headerText(incoming.headers['sec-fetch-site']),
            'content-type': incoming.headers['content-type'],
            host: requestHost,
          },
          hasBody: body.length > 0,
          corsAllowsOrigin: corsOrigin !== undefined,
        })
        if (problem) return sendRefusal(outgoing, problem, corsHeaders)
      }
      const search = method === 'GET' || method === 'HEAD' ? mergeBodyIntoQuery(target.search, body) : target.search
      const isOwnPage = path === '/' || path === '/openapi.json'
      if (!isOwnPage && !isControl && !(control && sessions.isControlPath(path))) {
        // The API itself: straight into the mock's pipeline (HEAD included, which it answers as GET).
        return sendPlain(outgoing, await plainPipelineOf(mock)(plainRequestFrom(incoming, outgoing, method, path, search, body)), corsHeaders)
      }
      const url = new URL(`${origin}${target.pathname}${search}`)
      // The request's signal aborts when the client goes away, so that a hung request (an injected fault) ends.
      const disconnected = new AbortController()
      outgoing.on('close', () => {
        if (!outgoing.writableFinished) disconnected.abort()
      })
      // HEAD is answered as GET; Node sends the headers (Content-Length included) and leaves the body out.
      const readMethod = method === 'HEAD' ? 'GET' : method
      let response: Response
      if (path === '/openapi.json' && readMethod === 'GET') {
        response = new Response(JSON.stringify(createOpenApiDocument({ servers: [{ url: base, description: 'This heymarket-mock server' }] })), {
          headers: { 'content-type': 'application/json' },
        })
      } else if (path === '/' && readMethod === 'GET') {
        const summary = await describeMock(mock)
        // With a control token, the page is public but the ids are not: they are what a request needs.
        const shown = controlToken !== undefined ? { ...summary, inboxes: [], users: [] } : summary
        response = new Response(renderIndexPage(shown, base, control, sessions.describe(origin)), {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        })
      } else if (path === '/' || path === '/openapi.json') {
        return sendRefusal(outgoing, methodRefusal(method, path, allowedMethodsOf(path)), corsHeaders)
      } else if (control && sessions.isControlPath(path)) {
        response = await sessions.handleControl(toRequest(incoming, url, readMethod, body, disconnected.signal), path)
      } else {
        response = await handleControl(toRequest(incoming, url, readMethod, body, disconnected.signal), path)
      }
      await send(outgoing, response, corsHeaders)
    } catch (error) {
      if (outgoing.destroyed) return
      console.error('[heymarket-mock] The HTTP server failed to answer a request:', error)
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json', 'x-request-id': crypto.randomUUID(), ...corsHeaders })
      outgoing.end(JSON.stringify({ error: 'server_error', message: `Failed to answer the request: ${(error as Error).message}` }))
    } finally {
      chosen?.done()
    }
  })

  // What never reaches the handler still gets an answer that says why, with a request id.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const { refusal, statusText } = parseErrorRefusal(error.code)
    writeRawRefusal(socket, refusal, statusText)
  })
  server.on('connect', (request: IncomingMessage, socket) => {
    writeRawRefusal(socket, methodRefusal('CONNECT', request.url ?? '', IMPLEMENTED_METHODS), 'Method Not Allowed')
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`

  let closing: Promise<void> | undefined
  return {
    url: origin,
    port: address.port,
    host,
    mock,
    server,
    session: sessions.session,
    sessions: sessions.api,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const deadline = setTimeout(() => server.closeAllConnections(), closeTimeoutMs)
        deadline.unref()
        // Connections that finish their last request while closing are let go at once, not after keep-alive.
        const sweep = setInterval(() => server.closeIdleConnections(), 50)
        sweep.unref()
        server.close(() => {
          sessions.close()
          clearTimeout(deadline)
          clearInterval(sweep)
          void (webhooks?.flush(closeTimeoutMs) ?? Promise.resolve()).then(() => resolve())
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}

