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
import { createDispatcher } from '../http/dispatch.js'
import { apiPathOf, createMswHandlers, joinUrl } from '../http/msw-handlers.js'
import { DEFAULT_MAX_BODY_BYTES } from '../http/read-body.js'
import type { Route } from '../http/route.js'
import { parseInput } from '../http/validation.js'
import { createRandom } from '../primitives/random.js'
import type { MockContext } from '../rules/context.js'
import { EventBus, type WebhookConfig, type WebhookEventListener, type WebhookEventType } from '../rules/events.js'
import { viewConversation } from '../rules/conversation-view.js'
import { viewMessage } from '../rules/message-view.js'
import { runDueWork } from '../rules/due-work.js'
import { receiveInboundMessage } from '../rules/receive-inbound-message.js'
import { muteConversation, snoozeConversation } from '../rules/snooze-and-mute.js'
import type { Conversation } from '../schema/conversation.js'
import type { Message } from '../schema/message.js'
import { simulateInboundRequestSchema, type SimulateInboundRequest } from '../schema/simulate.js'
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
}

/** `HEYMARKET_MOCK_VALIDATE_RESPONSES=1` turns response validation on where there is an environment (Node). */
function validateResponsesByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
  return env?.HEYMARKET_MOCK_VALIDATE_RESPONSES === '1'
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
  /** msw request handlers for every endpoint: `setupServer(...mock.handlers)` / `setupWorker(...mock.handlers)`. */
  readonly handlers: HttpHandler[]
  /** The @msw/data collections. Await `mock.ready` before reading them. */
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
  /** Returns to the seeded state (data, id sequences, clock, request ids, faults, rate-limit counts) in time proportional to what changed. */
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
}

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
export function createHeymarketMock(options: HeymarketMockOptions = {}): HeymarketMock {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL
  const seed = options.dataset ? options.dataset.meta?.seed : (options.seed ?? DEFAULT_SEED)
  const anchorInput = options.anchor ?? options.dataset?.meta?.anchor ?? DEFAULT_ANCHOR
  const anchor = toMicros(anchorInput === 'now' ? new Date() : anchorInput, 'the seed anchor')
  const clock = createClock(options.clock, anchor)
  let random = createRandom((seed ?? 0) ^ 0x5eed)
  const store = createStore({ now: () => clock.timestamp(), uuid: () => random.uuid() })
  const events = new EventBus({
    id: options.webhook?.id ?? 1,
    token: options.webhook?.token ?? 'heymarket-mock-webhook-token',
    ...(options.webhook?.inboundEventType ? { inboundEventType: options.webhook.inboundEventType } : {}),
  })
  const ctx: MockContext = { store, clock, events }

  let requestIds = createRandom(seed ?? 0)
  const ready = (async () => {
    let dataset = options.dataset
    if (!dataset) {
      // Loaded on demand so that a browser page that starts from a preset never downloads faker.
      const { generateDataset } = await import('../seed/generate-dataset.js')
      dataset = generateDataset({ seed: seed ?? DEFAULT_SEED, anchor, ...(options.size ? { size: options.size } : {}) })
    }
    assertDataset(dataset)
    await store.load(dataset)
    store.markBaseline()
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
  })
  /** Runs a task alone, once the data is loaded and the mock has caught up with its clock. */
  const turn = dispatcher.runAlone
  // Moving the clock by hand makes due work happen now, not at the next request.
  clock.onChange(() => {
    void turn(() => undefined).catch(() => undefined)
  })

  // Made on first use: a mock served over HTTP (a server's session) never needs msw handlers, and making them
  // captures a stack trace per handler (msw records where each was defined).
  let handlers: HttpHandler[] | undefined
  return {
    get handlers() {
      return (handlers ??= createMswHandlers(routes, dispatcher, baseUrl))
    },
    db: store.db,
    clock,
    ready,
    baseUrl,
    seed,
    simulate: {
      async inbound(message) {
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
      },
      snooze(conversationId, until) {
        const instant = until === '' ? '' : formatTimestamp(toMicros(until, 'the snooze end'))
        return turn(() => viewConversation(snoozeConversation(ctx, conversationId, instant)))
      },
      mute(conversationId, muted = true) {
        return turn(() => viewConversation(muteConversation(ctx, conversationId, muted)))
      },
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
        requestIds = createRandom(seed ?? 0)
        random = createRandom((seed ?? 0) ^ 0x5eed)
        faults.reset()
        for (const rule of initialFaults) faults.add(rule)
        rateLimiter?.reset()
      }),
    on: (type, listener) => events.on(type, listener),
    fetch(input, init) {
      const absoluteBase = /^https?:\/\//i.test(baseUrl) ? baseUrl : `http://localhost${baseUrl}`
      const request =
        typeof input === 'string'
          ? new Request(/^https?:\/\//i.test(input) ? input : joinUrl(absoluteBase, input), init)
          : input
      return dispatcher.dispatch(request, apiPathOf(request.url, absoluteBase))
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
        if (checked.clock?.frozen) clock.set(checked.clock.now)
      }),
    onChange: (listener) => store.onChange(listener),
    exportDataset: () =>
      turn(() => {
        return store.toDataset({ ...(seed !== undefined ? { seed } : {}), anchor: formatTimestamp(anchor) })
      }),
  }
}
