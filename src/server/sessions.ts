import { baselineDataset, createHeymarketMock, DEFAULT_ANCHOR, DEFAULT_SEED, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
import { toMicros } from '../primitives/clock.js'
import { ApiError } from '../rules/errors.js'
import type { SeedSize } from '../seed/generate-dataset.js'
import { prepareDataset } from '../store/create-store.js'
import type { Dataset } from '../store/dataset.js'
import { FIXTURE_NAMES, loadFixture, type FixtureName } from '../node/fixtures.js'

/** The header that names a session, for clients that cannot change their base URL (choices: decisions/sessions.md). */
export const SESSION_HEADER = 'x-heymarket-mock-session'
/** Base URLs of sessions: `http://127.0.0.1:4010/sessions/<name>`. */
export const SESSION_PATH_PREFIX = '/sessions/'
/** The session of requests that name none: the server's own mock, as without sessions. */
export const DEFAULT_SESSION = 'default'
/**
 * Session names: letters, digits, `-`, `_` and `.`, 1 to 64 of them, starting with a letter or digit. Short and
 * URL-safe, so a name is the same in a path, a header and a shell variable (a worker index, a test file's hash).
 */
export const SESSION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
/** At most this many named sessions at a time (the default session does not count). */
export const DEFAULT_MAX_SESSIONS = 200
/** A named session unused for this long is ended (30 minutes); its name then starts fresh. */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000

/** Where a session's data comes from: the server's own seed or preset unless it is created with one of these. */
export type SessionSource = { preset: FixtureName } | { seed: number }

export type SessionSummary = {
  name: string
  /** `seed 1`, `preset busy-inbox`, or `dataset` for a server started from a dataset file. */
  source: string
  counts: { conversations: number; messages: number; contacts: number }
  createdAt: string
  lastUsedAt: string
  idleSeconds: number
  requests: number
}

export type Session = {
  readonly name: string
  readonly mock: HeymarketMock
  readonly source: string
  readonly createdAt: number
  lastUsedAt: number
  requests: number
  inFlight: number
  /** Per-session state the server keeps beside the mock (its control handler), made on first need. */
  readonly extras: Map<string, unknown>
}

export type SessionRegistryOptions = {
  /** The server's own mock: the default session. */
  defaultMock: HeymarketMock
  /** The options the server's mock was made with; every session gets the same, with its own data. */
  mockOptions: Omit<HeymarketMockOptions, 'baseUrl'>
  /** How the server's data was described (`seed 1`, `preset default`). */
  defaultSource: string
  maxSessions?: number
  /** 0 turns eviction off. */
  idleMs?: number
  /** Called once for every new named session (the server hooks its webhook delivery here). */
  onCreate?(session: Session): void
  now?: () => number
}

/** An error about sessions with its own HTTP status (409 for a name taken, 503 past the cap). */
export class SessionError extends ApiError {
  constructor(
    code: ApiError['code'],
    message: string,
    field: string,
    readonly status: number,
  ) {
    super(code, message, field)
  }
}

/** Thrown for a bad session name; 400 over HTTP. */
export function checkSessionName(name: string, where: string): string {
  if (!SESSION_NAME_PATTERN.test(name)) {
    throw new ApiError(
      'bad_data',
      `Failed to choose a session: ${where} ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)} is not a session name. Please use 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. worker-3).`,
      'session',
    )
  }
  return name
}

/**
 * Which session a request names: by its path (`/sessions/<name>/v1/...`, whose prefix is taken off) or by the
 * `X-Heymarket-Mock-Session` header. Neither: the default session. Both, naming different sessions: a 400.
 */
export function sessionOfRequest(url: string, header: string | string[] | undefined): { name: string; path: string; prefix: string } {
  let name: string | undefined
  let path = url
  let prefix = ''
  if (url === '/sessions' || url.startsWith(SESSION_PATH_PREFIX) || url.startsWith('/sessions?')) {
    const rest = url.slice(SESSION_PATH_PREFIX.length)
    const end = rest.search(/[/?#]/)
    const raw = end === -1 ? rest : rest.slice(0, end)
    let decoded: string
    try {
      decoded = decodeURIComponent(raw)
    } catch {
      decoded = raw
    }
    name = checkSessionName(decoded, 'the path segment after /sessions/ is')
    prefix = `${SESSION_PATH_PREFIX}${raw}`
    const remainder = end === -1 ? '' : rest.slice(end)
    path = remainder.startsWith('/') ? remainder : `/${remainder}`
  }
  const headerValue = Array.isArray(header) ? header.join(',') : header
  if (headerValue !== undefined) {
    const fromHeader = checkSessionName(headerValue.trim(), `the ${SESSION_HEADER} header is`)
    if (name !== undefined && name !== fromHeader) {
      throw new ApiError(
        'bad_data',
        `Failed to choose a session: the path names session "${name}" and the ${SESSION_HEADER} header names "${fromHeader}". Please name one session, by the base URL or by the header.`,
        'session',
      )
    }
    name = fromHeader
  }
  return { name: name ?? DEFAULT_SESSION, path, prefix }
}

function sourceLabel(source: SessionSource): string {
  return 'preset' in source ? `preset ${source.preset}` : `seed ${source.seed}`
}

/**
 * The sessions of one server: a mock per name, made on first use from the server's seed or preset (or a preset or
 * seed given when a session is created explicitly), at most `maxSessions` at a time, ended after `idleMs` unused.
 *
 * A session's mock is made from a dataset checked once (`prepareDataset`) and shared by every session from the same
 * source, so that a new session costs a copy of the records, not a run of faker or a validation of every record.
 */
export function createSessionRegistry(options: SessionRegistryOptions) {
  const now = options.now ?? Date.now
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS
  const idleMs = options.idleMs ?? DEFAULT_SESSION_IDLE_MS
  // What the functions below read of `options`, taken out of it: none of them holds `options`, and with it the
  // server's dataset, which would keep the parsed file alive beside the default mock's own records.
  const { defaultMock, defaultSource, onCreate } = options
  const { seed: _seed, size: serverSize, dataset: serverDataset, ...shared } = options.mockOptions
  const startedFromDataset = serverDataset !== undefined
  const sessions = new Map<string, Session>()
  const creating = new Map<string, Promise<Session>>()
  const templates = new Map<string, Promise<Dataset>>()
  const defaultSession: Session = {
    name: DEFAULT_SESSION,
    mock: defaultMock,
    source: defaultSource,
    createdAt: now(),
    lastUsedAt: now(),
    requests: 0,
    inFlight: 0,
    extras: new Map(),
  }

  /** The checked dataset of a source, made once and kept (a few per server: the server's own, and those asked for). */
  function template(source: SessionSource | undefined): Promise<Dataset> {
    const key = source === undefined ? 'server' : sourceLabel(source)
    let dataset = templates.get(key)
    if (!dataset) {
      dataset = (async () => {
        if (source && 'preset' in source) return prepareDataset(loadFixture(source.preset))
        // The server's own dataset: the default mock's seeded state, so that the file need not be kept.
        if (!source && startedFromDataset) return baselineDataset(defaultMock)
        const { generateDataset } = await import('../seed/generate-dataset.js')
        const anchorInput = shared.anchor ?? DEFAULT_ANCHOR
        const anchor = toMicros(anchorInput === 'now' ? new Date() : anchorInput, 'the seed anchor')
        const seed = source ? source.seed : (defaultMock.seed ?? DEFAULT_SEED)
        const size: SeedSize | undefined = startedFromDataset ? undefined : serverSize
        return prepareDataset(generateDataset({ seed, anchor, ...(size ? { size } : {}) }))
      })()
      templates.set(key, dataset)
      dataset.catch(() => templates.delete(key))
    }
    return dataset
  }

  function limitError(name: string): ApiError {
    return new SessionError(
      'server_error',
      `Failed to create session "${name}": the server holds ${sessions.size} sessions, its limit. Please end sessions you no longer need (DELETE /__mock/sessions/<name>), or start the server with a higher limit (--max-sessions ${maxSessions * 2}, or maxSessions in startHeymarketServer).`,
      'session',
      503,
    )
  }

  async function create(name: string, source: SessionSource | undefined): Promise<Session> {
    if (sessions.size + creating.size >= maxSessions) throw limitError(name)
    const dataset = await template(source)
    if (sessions.size >= maxSessions) throw limitError(name)
    const mock = createHeymarketMock({ ...shared, dataset })
    await mock.ready
    const session: Session = {
      name,
      mock,
      source: source ? sourceLabel(source) : defaultSource,
      createdAt: now(),
      lastUsedAt: now(),
      requests: 0,
      inFlight: 0,
      extras: new Map(),
    }
    sessions.set(name, session)
    onCreate?.(session)
    return session
  }

  function startCreating(name: string, source: SessionSource | undefined): Promise<Session> {
    const pending = create(name, source).finally(() => creating.delete(name))
    creating.set(name, pending)
    return pending
  }

  function evictIdle(): string[] {
    if (idleMs <= 0) return []
    const evicted: string[] = []
    const cutoff = now() - idleMs
    for (const session of sessions.values()) {
      if (session.inFlight === 0 && session.lastUsedAt <= cutoff) {
        sessions.delete(session.name)
        evicted.push(session.name)
      }
    }
    return evicted
  }

  const sweep = idleMs > 0 ? setInterval(evictIdle, Math.max(1000, Math.min(60_000, Math.floor(idleMs / 4)))) : undefined
  sweep?.unref()

  return {
    maxSessions,
    idleMs,
    /** The session of this name, made from the server's seed or preset when it does not exist yet. */
    async use(name: string): Promise<Session> {
      if (name === DEFAULT_SESSION) return defaultSession
      const existing = sessions.get(name)
      if (existing && idleMs > 0 && existing.inFlight === 0 && existing.lastUsedAt <= now() - idleMs) {
        // Idle past the limit but not swept yet: ended all the same, so eviction does not depend on the sweep's timing.
        sessions.delete(name)
      } else if (existing) {
        return existing
      }
      return creating.get(name) ?? startCreating(checkSessionName(name, 'the name'), undefined)
    },
    /**
     * Creates a session from a preset or a seed (or the server's own source). A session of that name that exists
     * already is kept when it came from the same source, and refused (409) when from another.
     */
    async create(name: string, source?: SessionSource): Promise<{ session: Session; created: boolean }> {
      checkSessionName(name, 'the name')
      if (name === DEFAULT_SESSION) {
        throw new ApiError('bad_data', `Failed to create session "${DEFAULT_SESSION}": it is the server's own session and always exists. Please pick another name.`, 'name')
      }
      const existing = sessions.get(name) ?? (await creating.get(name)?.catch(() => undefined))
      if (existing) {
        const wanted = source ? sourceLabel(source) : defaultSource
        if (existing.source !== wanted) {
          throw new SessionError(
            'bad_data',
            `Failed to create session "${name}": it exists already, from ${existing.source}, not ${wanted}. Please end it first (DELETE /__mock/sessions/${name}) or pick another name.`,
            'name',
            409,
          )
        }
        return { session: existing, created: false }
      }
      return { session: await startCreating(name, source), created: true }
    },
    /** Marks a request's start and end, for last use and so that a session in use is never evicted. */
    begin(session: Session): () => void {
      session.inFlight++
      session.requests++
      session.lastUsedAt = now()
      return () => {
        session.inFlight--
        session.lastUsedAt = now()
      }
    },
    get(name: string): Session | undefined {
      return name === DEFAULT_SESSION ? defaultSession : sessions.get(name)
    },
    /** Ends a named session; its name starts fresh on next use. */
    delete(name: string): boolean {
      return sessions.delete(name)
    },
    evictIdle,
    /** Every session, the default first, then by name. */
    list(): SessionSummary[] {
      const all = [defaultSession, ...Array.from(sessions.values()).sort((a, b) => (a.name < b.name ? -1 : 1))]
      const at = now()
      return all.map((session) => ({
        name: session.name,
        source: session.source,
        counts: {
          conversations: session.mock.db.conversation.count(),
          messages: session.mock.db.message.count(),
          contacts: session.mock.db.contact.count(),
        },
        createdAt: new Date(session.createdAt).toISOString(),
        lastUsedAt: new Date(session.lastUsedAt).toISOString(),
        idleSeconds: Math.max(0, Math.round((at - session.lastUsedAt) / 1000)),
        requests: session.requests,
      }))
    },
    get size(): number {
      return sessions.size
    },
    close(): void {
      if (sweep) clearInterval(sweep)
      sessions.clear()
    },
  }
}

export type SessionRegistry = ReturnType<typeof createSessionRegistry>

/** Reads `{preset}` or `{seed}` of a session to create; a 400 naming the field otherwise. */
export function parseSessionSource(body: Record<string, unknown>): SessionSource | undefined {
  const { preset, seed } = body
  if (preset !== undefined && seed !== undefined) {
    throw new ApiError('bad_data', 'Failed to create a session: "preset" and "seed" exclude each other. Please send one of them, or neither for the server’s own data.', 'preset')
  }
  if (preset !== undefined) {
    if (typeof preset !== 'string' || !(FIXTURE_NAMES as readonly string[]).includes(preset)) {
      throw new ApiError('bad_data', `Failed to create a session: "preset" must be one of ${FIXTURE_NAMES.join(', ')}, got ${JSON.stringify(preset)}.`, 'preset')
    }
    return { preset: preset as FixtureName }
  }
  if (seed !== undefined) {
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
      throw new ApiError('bad_data', `Failed to create a session: "seed" must be a whole number of at least 0, got ${JSON.stringify(seed)}.`, 'seed')
    }
    return { seed }
  }
  return undefined
}
