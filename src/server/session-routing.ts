import type { IncomingMessage } from 'node:http'
import { DEFAULT_SEED, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
import { ApiError } from '../rules/errors.js'
import type { WebhookEvent } from '../rules/events.js'
import { createSessionControlHandler, isSessionControlPath, sessionErrorResponse } from './session-control.js'
import {
  createSessionRegistry,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_SESSION_IDLE_MS,
  SESSION_HEADER,
  SESSION_PATH_PREFIX,
  sessionOfRequest,
  type Session,
  type SessionSource,
  type SessionSummary,
} from './sessions.js'

export type SessionOptions = {
  /** At most this many named sessions at a time (default 200); past it, a new one gets 503. */
  maxSessions?: number
  /** End a named session unused for this long, in milliseconds (default 30 minutes; 0 never). */
  sessionIdleMs?: number
}

export type ServerSessions = {
  /**
   * The mock of a session (made on first use, from the server's seed or preset, or from `source`), to drive a
   * worker's own state from Node: `(await server.session('worker-1')).clock.set(...)`. `'default'` is `mock`.
   */
  session(name: string, source?: SessionSource): Promise<HeymarketMock>
  sessions: {
    /** Every session with its size and last use, the default first. */
    list(): SessionSummary[]
    /** Ends a named session (its name starts fresh on next use); false when there was none. */
    delete(name: string): boolean
  }
}

type ControlHandler = (request: Request, path: string) => Promise<Response>

/** What a request goes to: its session's mock and control handler, and the path prefix that named it. */
export type ChosenSession = { mock: HeymarketMock; handleControl: ControlHandler; prefix: string; done(): void }

/** How the server's data is described in listings and the banner. */
export function describeSource(options: Pick<HeymarketMockOptions, 'dataset' | 'seed'>): string {
  if (options.dataset) return options.dataset.meta?.name ? `preset ${options.dataset.meta.name}` : 'dataset'
  return `seed ${options.seed ?? DEFAULT_SEED}`
}

/** Two lines that explain sessions, for the start banner and `GET /`. */
export function describeSessions(origin: string, source: string, maxSessions = DEFAULT_MAX_SESSIONS, idleMs = DEFAULT_SESSION_IDLE_MS): [string, string] {
  const idle = idleMs > 0 ? `ended after ${idleMs / 60_000} min unused` : 'never ended for being unused'
  return [
    `one isolated mock per name: base URL ${origin}${SESSION_PATH_PREFIX}<name>, or the header X-Heymarket-Mock-Session: <name> (neither: the default session)`,
    `made on first use from ${source}; at most ${maxSessions} at a time (--max-sessions), ${idle} (--session-idle); GET /__mock/sessions lists them`,
  ]
}

/**
 * The server's routing step for sessions, kept apart from the HTTP edge: which session a request names, that
 * session's mock and control endpoints, the session endpoints themselves, and the Node API.
 */
export function createSessionRouter(options: {
  defaultMock: HeymarketMock
  mockOptions: Omit<HeymarketMockOptions, 'baseUrl'>
  control(mock: HeymarketMock): ControlHandler
  controlOptions: { token?: string; maxBodyBytes: number }
  maxSessions?: number
  sessionIdleMs?: number
  onSessionEvent?(event: WebhookEvent, session: string): void
}) {
  // Read once: the functions below must not hold `options.mockOptions`, whose dataset would keep the parsed file
  // alive (sessions start from the default mock's seeded state instead).
  const { control, controlOptions, onSessionEvent } = options
  const defaultSource = describeSource(options.mockOptions)
  const registry = createSessionRegistry({
    defaultMock: options.defaultMock,
    mockOptions: options.mockOptions,
    defaultSource,
    maxSessions: options.maxSessions ?? DEFAULT_MAX_SESSIONS,
    idleMs: options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS,
    ...(onSessionEvent ? { onCreate: (session: Session) => session.mock.on('*', (event) => onSessionEvent(event as WebhookEvent, session.name)) } : {}),
  })
  const handleSessionControl = createSessionControlHandler(registry, controlOptions)

  function controlOf(session: Session): ControlHandler {
    let handler = session.extras.get('control') as ControlHandler | undefined
    if (!handler) {
      handler = control(session.mock)
      session.extras.set('control', handler)
    }
    return handler
  }

  return {
    /**
     * Picks the session of a request, takes `/sessions/<name>` off `incoming.url`, and marks the session in use
     * until `done()`. A bad or conflicting name is a 400, a new session past the cap a 503 (as a Response).
     */
    async choose(incoming: IncomingMessage): Promise<ChosenSession | Response> {
      try {
        const { name, path, prefix } = sessionOfRequest(incoming.url ?? '/', incoming.headers[SESSION_HEADER])
        const session = await registry.use(name)
        incoming.url = path
        return { mock: session.mock, handleControl: controlOf(session), prefix, done: registry.begin(session) }
      } catch (error) {
        if (error instanceof ApiError) return sessionErrorResponse(error, crypto.randomUUID())
        throw error
      }
    },
    isControlPath: isSessionControlPath,
    handleControl: handleSessionControl,
    /** Two lines for the banner and `GET /`. */
    describe(origin: string): [string, string] {
      return describeSessions(origin, defaultSource, registry.maxSessions, registry.idleMs)
    },
    async session(name: string, source?: SessionSource): Promise<HeymarketMock> {
      try {
        return source ? (await registry.create(name, source)).session.mock : (await registry.use(name)).mock
      } catch (error) {
        // Thrown to Node code as a plain Error with the same message.
        if (error instanceof ApiError) throw new Error(error.message)
        throw error
      }
    },
    api: {
      list: () => registry.list(),
      delete: (name: string) => registry.delete(name),
    },
    close: () => registry.close(),
  }
}
