import type { HttpHandler } from 'msw'
import { createClock, toMicros, type Clock, type ClockOptions, type TimeInput } from '../primitives/clock.js'
import type { AuthOptions } from '../http/auth.js'
import { createFaults, type ActiveFault, type FaultRule } from '../http/faults.js'
import { createRateLimiter, type RateLimitOptions } from '../http/rate-limit.js'
import { catalogRoutes } from '../http/catalog.js'
import { contactRoutes } from '../http/contacts.js'
import { conversationRoutes } from '../http/conversations.js'
import { messageRoutes } from '../http/messages.js'
import { teamRoutes } from '../http/team.js'
import { createDispatcher, type LoggedRequest, type PlainAnswer, type PlainRequest } from '../http/dispatch.js'
import { applyDirectMessage } from '../rules/direct-writes.js'
import {
  buildContact,
  buildConversation,
  buildEmailThread,
  buildGroupConversation,
  buildMessage,
  createFactorySequences,
  type BuildContactInput,
  type BuildConversationInput,
  type BuildEmailThreadInput,
  type BuildGroupInput,
  type BuildMessageInput,
  type BuiltThread,
} from '../rules/factories.js'
import { viewContact } from '../rules/contacts.js'
import type { Contact } from '../schema/contact.js'
import { apiPathReader, createMswHandlers, joinUrl } from '../http/msw-handlers.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-body.js'
import type { Route } from '../http/route.js'
import { parseInput } from '../http/validation.js'
import { simulating } from './simulation-error.js'
import { createRandom } from '../primitives/random.js'
import type { MockContext } from '../rules/context.js'
import { EventBus, type WebhookConfig, type WebhookEventListener, type WebhookEventType } from '../rules/events.js'
import { viewConversation } from '../rules/conversation-view.js'
import { viewMessage } from '../rules/message-view.js'
import { runDueWork } from '../rules/due-work.js'
import { receiveInboundMessage } from '../rules/receive-inbound-message.js'
import { recordDoubleOptIn } from '../rules/contact-status.js'
import { muteConversation, snoozeConversation } from '../rules/snooze-and-mute.js'
import type { Conversation } from '../schema/conversation.js'
import type { Message } from '../schema/message.js'
import { simulateCallRequestSchema, simulateInboundRequestSchema, type SimulateInboundRequest } from '../schema/simulate.js'
import { createStore, type Database, type MockChanges } from '../store/create-store.js'
import { assertDataset, type Dataset } from '../store/dataset.js'
import type { SeedSize } from '../seed/generate-dataset.js'
import { formatTimestamp } from '../primitives/timestamps.js'

/** The instant seeded histories lead up to unless told otherwise, so that a seed means the same data forever. */
export const DEFAULT_ANCHOR = '2026-11-02T17:00:00Z'
export const DEFAULT_BASE_URL = 'https://api.heymarket.com'
export const DEFAULT_SEED = 1

export type HeymarketMockOptions = {
  /** Faker seed for the generated data (default 1). Ignored when `dataset` is given. */
  seed?: number
  /** How much data to generate (inboxes, users, contacts, conversations, messages per conversation, days). */
  size?: SeedSize
  /** Start from this dataset (a preset from `fixtures/`, or an export) instead of generating one; runs no faker. */
  dataset?: Dataset
  /**
   * The instant the generated history leads up to (default 2026-11-02T17:00:00Z, or the dataset's own; `'now'`
   * for "up to this moment", which gives different timestamps on every run).
   */
  anchor?: TimeInput | 'now'
  /** Where the API lives (default https://api.heymarket.com). Relative URLs such as `/api` work in browsers. */
  baseUrl?: string
  /**
   * The mock's clock. By default it runs at real speed from the anchor, so that the seeded history has just
   * happened and nothing seeded is overdue; `{ start: '2026-11-20T10:00:00Z' }` freezes it there;
   * `{ start: 'wall' }` follows the computer's clock.
   */
  clock?: ClockOptions
  /**
   * Credential checking: `'bearer'` (default: any bearer token), `'none'`, or
   * `{ mode: 'strict', secrets: [{ id, key }], apiKeys }` to verify JWTs and API keys as the service does.
   */
  auth?: AuthOptions
  /** Faults to start with (see `mock.faults`). */
  faults?: FaultRule[]
  /** The service's rate limit (500 requests per minute per credential, then 429): `true` or `{ requestsPerMinute }`. Off by default. */
  rateLimit?: boolean | RateLimitOptions
  /** Request bodies larger than this get 413 (default 1 MiB). */
  maxBodyBytes?: number
  /** The webhook configuration id and token events carry. */
  webhook?: Partial<WebhookConfig>
  /**
   * Check every answer against its schema before sending it; an answer that drifts (a wrong type, a missing or
   * unknown field) becomes a 500 naming the operation and the place, and is logged with `console.error`.
   * Default: on when the environment variable `HEYMARKET_MOCK_VALIDATE_RESPONSES` is `1` (Node), else off.
   */
  validateResponses?: boolean
  /** How many requests `mock.requests` keeps, the oldest dropped first (default 1,000; 0 keeps none). */
  requestLogLimit?: number
}

/** `HEYMARKET_MOCK_VALIDATE_RESPONSES=1` turns response validation on where there is an environment (Node). */
function validateResponsesByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
  return env?.HEYMARKET_MOCK_VALIDATE_RESPONSES === '1'
}

/** What a factory built, as the API shows it. */
export type BuiltConversation = {
  conversation: Conversation
  /** Its messages, oldest first. */
  messages: Message[]
  /** The contacts it made or used (the customer; every participant of a group). */
  contacts: Contact[]
}

export type InboundOutcome = {
  conversation: Conversation
  message: Message
  /** The message started a new conversation. */
  created: boolean
  /** The message reopened a closed conversation. */
  reopened: boolean
}

/**
 * A running mock of the Heymarket API: msw handlers, the data behind them, and the controls tests need.
 */
export type HeymarketMock = {
  /** msw request handlers for the whole API (two: `/v1/*` and `/v2/*`, routed inside): `setupServer(...mock.handlers)` / `setupWorker(...mock.handlers)`. */
  readonly handlers: HttpHandler[]
  /** The @msw/data collections. Await `mock.ready` before reading them: until then reading `mock.db` throws. */
  readonly db: Database
  /** The mock's clock ("now" for every timestamp it writes). */
  readonly clock: Clock
  /** Resolves when the data is loaded; rejects with the reason when it could not be. */
  readonly ready: Promise<void>
  readonly baseUrl: string
  /** The seed the data was generated from (undefined when started from a dataset without one). */
  readonly seed: number | undefined
  /** What the API has no endpoint for: the customer's side, and app-only actions. */
  readonly simulate: {
    /** A customer message arrives (reopens a closed conversation, marks it unread, may start a new one). */
    inbound(message: SimulateInboundRequest): Promise<InboundOutcome>
    /** Snoozes a conversation until an instant (`''` unsnoozes); it wakes when the clock passes it. */
    snooze(conversationId: number, until: TimeInput | ''): Promise<Conversation>
    /** Mutes or unmutes a conversation's notifications. */
    mute(conversationId: number, muted?: boolean): Promise<Conversation>
    /**
     * A customer phones an inbox: a message "Phone call from <number>" in their conversation (a new one for a new
     * number), unread for the inbox; the `incoming_call` event.
     */
    incomingCall(call: { from: string; inbox_id?: number }): Promise<InboundOutcome>
    /**
     * A customer answers a double opt-in request: `confirmed` subscribes them again (`target_double_opt_in`),
     * otherwise their texts stay restricted (`target_double_opt_restricted`).
     */
    doubleOptIn(phone: string, confirmed?: boolean): Promise<{ phone: string; unsubscribed: boolean; blocked: boolean }>
  }
  /**
   * Resolves once the mock has caught up: after the clock was moved by hand, scheduled messages that came due
   * are sent and snoozes that ended are woken. Requests wait for this on their own; await it before reading
   * `mock.db` directly after moving the clock.
   */
  settle(): Promise<void>
  /**
   * Injected failures: latency, error answers (500/502/503/429), dropped connections and hangs, for all
   * endpoints or some, with a seeded probability. Cleared by `reset()`.
   */
  readonly faults: {
    add(rule: FaultRule): number
    remove(id: number): boolean
    clear(): void
    list(): ActiveFault[]
  }
  /** Returns to the seeded state (data, id sequences, clock, faults, rate-limit counts) in time proportional to what changed. Request ids go on: they never repeat within a mock. */
  reset(): Promise<void>
  /** Listens to webhook events (`'*'` for all). Returns a function that stops listening. */
  on<T extends WebhookEventType>(type: T | '*' | 'message_received', listener: WebhookEventListener<T>): () => void
  /** Answers a request without msw, the way the handlers do. The URL may be absolute or a path. */
  fetch(input: Request | string, init?: RequestInit): Promise<Response>
  /** The whole current state as a dataset (JSON-serialisable; loadable with `{ dataset }`). */
  exportDataset(): Promise<Dataset>
  /**
   * What changed since the seeded state (and the clock, when frozen): small, JSON-serialisable, and enough to
   * rebuild the current state in a mock made with the same options (see `importChanges`).
   */
  exportChanges(): Promise<MockChanges>
  /**
   * Returns to the seeded state, then applies changes from `exportChanges()`. Changes saved by another version
   * of the mock or from another seed or preset are refused with an error, and nothing is applied.
   */
  importChanges(changes: unknown): Promise<void>
  /** Calls `listener` after every change to the data (requests, simulations, resets, direct db writes). */
  onChange(listener: () => void): () => void
  /**
   * Every request the mock answered since it started or was reset, oldest first: method, path, query, body as
   * sent, status and request id (the last 1,000; see `requestLogLimit`). Cleared by `reset()`.
   */
  readonly requests: readonly LoggedRequest[]
  /**
   * Factories with traits, through the API's rules: what they build agrees with itself as seeded data does.
   *
   * @example
   * const { conversation } = await mock.build.conversation({ traits: ['closed', 'unread'], messages: 5, assignedTo: 10002 })
   */
  readonly build: {
    conversation(input?: BuildConversationInput): Promise<BuiltConversation>
    groupConversation(input?: BuildGroupInput): Promise<BuiltConversation>
    emailThread(input?: BuildEmailThreadInput): Promise<BuiltConversation>
    contact(input?: BuildContactInput): Promise<Contact>
    message(input: BuildMessageInput): Promise<{ conversation: Conversation; message: Message }>
  }
}

/** How each mock gives its seeded state as a prepared dataset (see `baselineDataset`). */
const baselineDatasets = new WeakMap<HeymarketMock, () => Promise<Dataset>>()

/**
 * The state a mock was seeded with (what `reset()` returns to) as a dataset prepared for loading (see
 * `prepareDataset`), for more mocks of the same data: the server's sessions. Made from the mock's own records,
 * so that nobody needs to keep the dataset the mock was made from.
 */
export function baselineDataset(mock: HeymarketMock): Promise<Dataset> {
  const make = baselineDatasets.get(mock)
  if (!make) return Promise.reject(new Error('Failed to read the seeded state: this is not a mock made by createHeymarketMock.'))
  return make()
}

/** How each mock writes its state as dataset JSON (see `exportDatasetStream`). */
const datasetStreams = new WeakMap<HeymarketMock, () => ReadableStream<Uint8Array>>()

/**
 * The mock's current state as the UTF-8 bytes of `JSON.stringify(await mock.exportDataset())`, made as they are
 * read: memory stays bounded by a chunk, whatever the size of the state. The mock is held for the whole export,
 * as for one request (requests that arrive meanwhile wait), so that the bytes are one consistent state; cancelling
 * the stream (a client that goes away) lets the mock go.
 */
export function exportDatasetStream(mock: HeymarketMock): ReadableStream<Uint8Array> {
  const make = datasetStreams.get(mock)
  if (!make) throw new Error('Failed to export the state: this is not a mock made by createHeymarketMock.')
  return make()
}

/** Pieces of text are gathered into chunks of about this many characters before they are encoded and sent. */
const EXPORT_CHUNK_CHARACTERS = 64 * 1024

/** Every endpoint the mock serves. */
export const routes: readonly Route[] = [...conversationRoutes, ...messageRoutes, ...contactRoutes, ...catalogRoutes, ...teamRoutes]

/**
 * Creates a stateful mock of the Heymarket API.
 *
 * @example
 * const mock = createHeymarketMock({ seed: 7 })
 * const server = setupServer(...mock.handlers)
 * server.listen()
 */
/** Each mock's request pipeline on plain requests (not on the mock's public surface; see `plainPipelineOf`). */
const plainPipelines = new WeakMap<HeymarketMock, (request: PlainRequest) => Promise<PlainAnswer>>()

/**
 * The pipeline `mock.fetch` runs, taking a plain request and giving a plain answer: the HTTP server's way in,
 * which spares it a `Request` and a `Response` per request. `request.path` is relative to the API root.
 */
export function plainPipelineOf(mock: HeymarketMock): (request: PlainRequest) => Promise<PlainAnswer> {
  const pipeline = plainPipelines.get(mock)
  if (!pipeline) throw new Error('plainPipelineOf: this object was not made by createHeymarketMock.')
  return pipeline
}

export function createHeymarketMock(options: HeymarketMockOptions = {}): HeymarketMock {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL
  // mock.fetch takes paths too: they are read as under the base (a relative base is put on a placeholder origin).
  const absoluteBase = /^https?:\/\//i.test(baseUrl) ? baseUrl : `http://localhost${baseUrl}`
  const apiPathOfUrl = apiPathReader(baseUrl)
  const seed = options.dataset ? options.dataset.meta?.seed : (options.seed ?? DEFAULT_SEED)
  const anchorInput = options.anchor ?? options.dataset?.meta?.anchor ?? DEFAULT_ANCHOR
  const anchor = toMicros(anchorInput === 'now' ? new Date() : anchorInput, 'the seed anchor')
  const clock = createClock(options.clock, anchor)
  let random = createRandom((seed ?? 0) ^ 0x5eed)
  const store = createStore({
    now: () => clock.timestamp(),
    uuid: () => random.uuid(),
    random: { save: () => random.save(), restore: (saved) => random.restore(saved) },
  })
  const events = new EventBus({
    id: options.webhook?.id ?? 1,
    token: options.webhook?.token ?? 'heymarket-mock-webhook-token',
    ...(options.webhook?.inboundEventType ? { inboundEventType: options.webhook.inboundEventType } : {}),
  })
  const ctx: MockContext = { store, clock, events }

  // Seeded (two mocks with one seed answer alike) and never rewound: a reset must not make request ids repeat,
  // or two requests in one log would share an id.
  const requestIds = createRandom(seed ?? 0)
  let wroteThisTurn = false
  let loaded = false
  // Once loaded, the dataset is not referenced from here: the store holds its records, and the parsed file
  // (as large again as the store) can be collected. `options` is not read by any function that outlives this
  // one, for the same reason (it holds the dataset too).
  let datasetToLoad = options.dataset
  const size = options.size
  const datasetMeta = options.dataset?.meta
  const ready = (async () => {
    let dataset = datasetToLoad
    datasetToLoad = undefined
    if (!dataset) {
      // Loaded on demand so that a browser page that starts from a preset never downloads faker.
      const { generateDataset } = await import('../seed/generate-dataset.js')
      dataset = generateDataset({ seed: seed ?? DEFAULT_SEED, anchor, ...(size ? { size } : {}) })
    }
    assertDataset(dataset)
    await store.load(dataset)
    dataset = undefined
    store.markBaseline()
    loaded = true
    // A test clock moves one step after each write: after the turn, for the mock's own writes (so that one
    // request's writes share an instant, as one transaction's do), at once for a direct db write.
    store.onChange(() => {
      if (dispatcher.busy()) wroteThisTurn = true
      else clock.afterWrite()
    })
  })()
  // The rejection is reported through `mock.ready` and every request; it must not also crash the process.
  ready.catch(() => undefined)

  const faults = createFaults(seed ?? 0)
  for (const rule of options.faults ?? []) faults.add(rule)
  const initialFaults = faults.list()
  const rateLimiter = options.rateLimit ? createRateLimiter(clock, options.rateLimit === true ? {} : options.rateLimit) : undefined
  const dispatcher = createDispatcher(ctx, routes, {
    auth: options.auth ?? 'bearer',
    faults,
    ...(rateLimiter ? { rateLimiter } : {}),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    ready,
    nextRequestId: () => requestIds.uuid(),
    beforeEach: () => runDueWork(ctx),
    validateResponses: options.validateResponses ?? validateResponsesByDefault(),
    afterTurn: () => {
      if (!wroteThisTurn) return
      wroteThisTurn = false
      clock.afterWrite()
    },
    ...(options.requestLogLimit !== undefined ? { requestLogLimit: options.requestLogLimit } : {}),
  })
  // A message written straight into mock.db moves its conversation as the rules would (not the mock's own
  // writes: those run inside a turn and move the conversation themselves).
  store.tables.message.onDirectCreate((record) => {
    if (!loaded || dispatcher.busy()) return
    applyDirectMessage(ctx, record)
  })
  // Messages a factory writes in one call each get an instant of their own, so their order is kept.
  let sequences = createFactorySequences(() => clock.afterWrite())
  const built = (thread: BuiltThread): BuiltConversation => ({
    conversation: viewConversation(thread.conversation),
    messages: thread.messages.map((message) => viewMessage(message, thread.conversation)),
    contacts: thread.contacts.map((contact) => viewContact(contact)),
  })
  /**
   * Runs a task alone, once the data is loaded and the mock has caught up with its clock, as one transaction:
   * a simulation that fails leaves the state as it was.
   */
  const turn = <T>(task: () => T | Promise<T>) => dispatcher.runAlone(() => store.transaction(task))
  // Moving the clock by hand makes due work happen now, not at the next request.
  // What comes due then happens at the instant the clock was moved to: it does not step a test clock.
  clock.onChange(() => {
    void turn(() => {
      wroteThisTurn = false
    }).catch(() => undefined)
  })

  // Made on first use: a mock served over HTTP (a server's session) never needs msw handlers, and making them
  // captures a stack trace per handler (msw records where each was defined).
  let handlers: HttpHandler[] | undefined
  const mock: HeymarketMock = {
    get handlers() {
      return (handlers ??= createMswHandlers(dispatcher, baseUrl))
    },
    // Before the data is loaded every query would answer "nothing": say so instead of returning undefined.
    get db() {
      if (!loaded) {
        throw new Error(
          'Failed to read mock.db: the data is not loaded yet. Please `await mock.ready` first (useHeymarketMock and startHeymarketWorker do it before your tests and your page run).',
        )
      }
      return store.db
    },
    clock,
    ready,
    baseUrl,
    seed,
    simulate: {
      inbound: (message) =>
        simulating('simulate an inbound message', async () => {
          const input = parseInput(simulateInboundRequestSchema, message, 'simulate an inbound message')
          return turn(async () => {
            const outcome = await receiveInboundMessage(ctx, input)
            return {
              conversation: viewConversation(outcome.conversation),
              message: viewMessage(outcome.message, outcome.conversation),
              created: outcome.created,
              reopened: outcome.reopened,
            }
          })
        }),
      incomingCall: (call) =>
        simulating('simulate an incoming call', async () => {
          const input = parseInput(simulateCallRequestSchema, call, 'simulate an incoming call')
          return turn(async () => {
            const outcome = await receiveInboundMessage(ctx, { ...input, text: `Phone call from ${input.from}`, kind: 'call' })
            return {
              conversation: viewConversation(outcome.conversation),
              message: viewMessage(outcome.message, outcome.conversation),
              created: outcome.created,
              reopened: outcome.reopened,
            }
          })
        }),
      doubleOptIn: (phone, confirmed = true) =>
        simulating('simulate a double opt-in', async () => {
          const input = parseInput(simulateCallRequestSchema.pick({ from: true }), { from: phone }, 'simulate a double opt-in')
          return turn(async () => {
            const contact = await recordDoubleOptIn(ctx, input.from, confirmed)
            return { phone: contact.phone, unsubscribed: contact.is_opted_out, blocked: contact.blocked }
          })
        }),
      snooze: (conversationId, until) =>
        simulating('snooze a conversation', () => {
          const instant = until === '' ? '' : formatTimestamp(toMicros(until, 'the snooze end'))
          return turn(() => viewConversation(snoozeConversation(ctx, conversationId, instant)))
        }),
      mute: (conversationId, muted = true) =>
        simulating('mute a conversation', () => turn(() => viewConversation(muteConversation(ctx, conversationId, muted)))),
    },
    settle: () => turn(() => undefined),
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    reset: () =>
      dispatcher.exclusive(async () => {
        await ready
        await store.restoreBaseline()
        clock.restore()
        random = createRandom((seed ?? 0) ^ 0x5eed)
        sequences = createFactorySequences(() => clock.afterWrite())
        dispatcher.clearRequests()
        wroteThisTurn = false
        faults.reset()
        for (const rule of initialFaults) faults.add(rule)
        rateLimiter?.reset()
      }),
    on: (type, listener) => events.on(type, listener),
    fetch(input, init) {
      const request =
        typeof input === 'string'
          ? new Request(/^https?:\/\//i.test(input) ? input : joinUrl(absoluteBase, input), init)
          : input
      return dispatcher.dispatch(request, apiPathOfUrl(request.url))
    },
    exportChanges: () =>
      turn(() => {
        const changes = store.changes()
        return clock.frozen ? { ...changes, clock: { frozen: true as const, now: clock.timestamp() } } : changes
      }),
    importChanges: (changes) =>
      turn(async () => {
        const checked = store.checkChanges(changes, 'the mock state')
        await store.restoreBaseline()
        await store.applyChanges(checked)
        if (checked.clock?.frozen) {
          clock.set(checked.clock.now)
          wroteThisTurn = false
        }
      }),
    onChange: (listener) => store.onChange(listener),
    get requests() {
      return dispatcher.requests()
    },
    build: {
      conversation: (input) => turn(async () => built(await buildConversation(ctx, sequences, input))),
      groupConversation: (input) => turn(async () => built(await buildGroupConversation(ctx, sequences, input))),
      emailThread: (input) => turn(async () => built(await buildEmailThread(ctx, sequences, input))),
      contact: (input) => turn(async () => viewContact(await buildContact(ctx, sequences, input))),
      message: (input) =>
        turn(async () => {
          const { conversation, message } = await buildMessage(ctx, sequences, input)
          return { conversation: viewConversation(conversation), message: viewMessage(message, conversation) }
        }),
    },
    exportDataset: () =>
      turn(() => {
        return store.toDataset({ ...(seed !== undefined ? { seed } : {}), anchor: formatTimestamp(anchor) })
      }),
  }
  datasetStreams.set(mock, () => {
    const encoder = new TextEncoder()
    let pieces: Iterator<string> | undefined
    let finish: () => void = () => undefined
    return new ReadableStream<Uint8Array>(
      {
        // The export is one turn of the mock: it starts once requests before it are done, and the turn lasts
        // until the last chunk is read or the reader cancels.
        start: () =>
          new Promise<void>((started, failed) => {
            turn(async () => {
              pieces = store.datasetJson({ ...(seed !== undefined ? { seed } : {}), anchor: formatTimestamp(anchor) })
              const finished = new Promise<void>((resolve) => (finish = resolve))
              started()
              await finished
            }).catch(failed)
          }),
        pull: (controller) => {
          try {
            let text = ''
            for (let next = pieces!.next(); ; next = pieces!.next()) {
              if (next.done) {
                if (text) controller.enqueue(encoder.encode(text))
                controller.close()
                finish()
                return
              }
              text += next.value
              if (text.length >= EXPORT_CHUNK_CHARACTERS) break
            }
            controller.enqueue(encoder.encode(text))
          } catch (error) {
            finish()
            throw error
          }
        },
        cancel: () => finish(),
      },
      // Nothing is made ahead of the reader: each chunk when it is asked for.
      { highWaterMark: 0 },
    )
  })
  baselineDatasets.set(mock, () =>
    turn(() => store.baselineDataset(datasetMeta ?? { ...(seed !== undefined ? { seed } : {}), anchor: formatTimestamp(anchor) })),
  )
  plainPipelines.set(mock, dispatcher.answerPlain)
  return mock
}
