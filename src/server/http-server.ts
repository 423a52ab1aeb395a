import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
import { CONTROL_PREFIX, CONTROL_TOKEN_HEADER, createControlHandler, describeMock } from './control.js'
import { renderIndexPage } from './index-page.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-body.js'
import { createOpenApiDocument } from '../client/index.js'
import { createWebhookDelivery } from './webhook-delivery.js'
import { createSessionRouter, type SessionOptions, type ServerSessions } from './session-routing.js'

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
function mergeBodyIntoQuery(incoming: IncomingMessage, body: Buffer): void {
  if (body.length === 0) return
  let fields: unknown
  try {
    fields = JSON.parse(body.toString('utf8'))
  } catch {
    return
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return
  const url = new URL(incoming.url ?? '/', 'http://localhost')
  for (const [key, value] of Object.entries(fields)) {
    if (url.searchParams.has(key) || value === null || (typeof value === 'object' && !Array.isArray(value))) continue
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item))
  }
  incoming.url = `${url.pathname}${url.search}`
}

function toRequest(incoming: IncomingMessage, origin: string, body: Buffer | undefined, signal: AbortSignal): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = (incoming.method ?? 'GET').toUpperCase()
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    signal,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: new Uint8Array(body ?? []) }),
  })
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

async function send(outgoing: ServerResponse, response: Response, extraHeaders: Record<string, string>): Promise<void> {
  // A network-error answer (an injected fault): drop the connection, as a failing network would.
  if (response.type === 'error') {
    outgoing.destroy()
    return
  }
  const headers: Record<string, string> = { ...extraHeaders }
  response.headers.forEach((value, name) => (headers[name] = value))
  const body = Buffer.from(await response.arrayBuffer())
  headers['content-length'] = String(body.length)
  outgoing.writeHead(response.status, headers)
  outgoing.end(body)
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

  const server = createServer(async (incoming, outgoing) => {
    const corsOrigin = allowedOrigin(cors, incoming.headers.origin)
    const corsHeaders: Record<string, string> = corsOrigin
      ? {
          'access-control-allow-origin': corsOrigin,
          'access-control-expose-headers': 'X-Request-Id, Retry-After',
          ...(corsOrigin === '*' ? {} : { vary: 'Origin' }),
        }
      : {}
    try {
      if (incoming.method === 'OPTIONS' && corsOrigin) {
        outgoing.writeHead(204, {
          ...corsHeaders,
          'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
          'access-control-allow-headers': `Authorization, Content-Type, ${CONTROL_TOKEN_HEADER}`,
          'access-control-max-age': '600',
        })
        outgoing.end()
        return
      }
      const method = (incoming.method ?? 'GET').toUpperCase()
      const body = await readBody(incoming, maxBodyBytes)
      if (method === 'GET' || method === 'HEAD') mergeBodyIntoQuery(incoming, body)
      // The request's signal aborts when the client goes away, so that a hung request (an injected fault) ends.
      const disconnected = new AbortController()
      outgoing.on('close', () => {
        if (!outgoing.writableFinished) disconnected.abort()
      })
      // Sessions: `/sessions/<name>` comes off the path (or the header names one); the rest goes to its mock.
      const chosen = await sessions.choose(incoming)
      if (chosen instanceof Response) return await send(outgoing, chosen, corsHeaders)
      const { mock, handleControl, prefix } = chosen
      try {
        const request = toRequest(incoming, origin, body, disconnected.signal)
        const path = new URL(request.url).pathname
        const base = `${origin}${prefix}`
        let response: Response
        if (path === '/openapi.json' && method === 'GET') {
          response = new Response(JSON.stringify(createOpenApiDocument({ servers: [{ url: base, description: 'This heymarket-mock server' }] })), {
            headers: { 'content-type': 'application/json' },
          })
        } else if (path === '/' && method === 'GET') {
          response = new Response(renderIndexPage(await describeMock(mock), base, control, sessions.describe(origin)), {
            headers: { 'content-type': 'text/html; charset=utf-8' },
          })
        } else if (control && sessions.isControlPath(path)) {
          response = await sessions.handleControl(request, path)
        } else if (control && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))) {
          response = await handleControl(request, path)
        } else {
          response = await mock.fetch(request)
        }
        await send(outgoing, response, corsHeaders)
      } finally {
        chosen.done()
      }
    } catch (error) {
      if (outgoing.destroyed) return
      console.error('[heymarket-mock] The HTTP server failed to answer a request:', error)
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json', ...corsHeaders })
      outgoing.end(JSON.stringify({ error: 'server_error', message: `Failed to answer the request: ${(error as Error).message}` }))
    }
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

