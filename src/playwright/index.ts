import {
  test as base,
  expect,
  type BrowserContext,
  type Fixtures,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type Route as PlaywrightRoute,
  type TestType,
} from '@playwright/test'
import { getResponse, http, type HttpHandler } from 'msw'
import { createHeymarketMock, routes, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
import type { Dataset } from '../store/dataset.js'
import type { OperationId } from '../schema/operations.js'
import { TEST_CLOCK } from '../primitives/clock.js'
import { loadFixture, type FixtureName } from '../node/fixtures.js'

/**
 * The global an app checks before starting its own msw worker (README, "One worker per page"). The fixture sets
 * it in every page before the app's scripts run, so that the page's requests reach Playwright's routing.
 */
export const MOCK_OFF_GLOBAL = '__HEYMARKET_MOCK_OFF__'

/** What `test.use({ heymarket: { ... } })` takes. Every test gets a mock of its own made from these. */
export type HeymarketFixtureOptions = Pick<HeymarketMockOptions, 'seed' | 'size' | 'clock' | 'auth' | 'faults' | 'baseUrl' | 'validateResponses' | 'rateLimit'> & {
  /** Start from one of the package's presets (`default`, `empty-inbox`, `busy-inbox`, `just-reopened`). */
  preset?: FixtureName
  /** Or from a dataset of your own. */
  dataset?: Dataset
}

/** An answer for an overridden endpoint: a Response, or a function of the request that makes one. */
export type OverrideAnswer = Response | ((request: Request) => Response | Promise<Response>)

/** What a test reaches through `heymarket`: the test's own mock and its controls. */
export type HeymarketHandle = {
  /** The whole mock (everything below is a shortcut into it). */
  readonly mock: HeymarketMock
  readonly simulate: HeymarketMock['simulate']
  readonly clock: HeymarketMock['clock']
  readonly faults: HeymarketMock['faults']
  readonly db: HeymarketMock['db']
  readonly build: HeymarketMock['build']
  /** The requests the page sent to the API and what they got, oldest first. */
  readonly requests: HeymarketMock['requests']
  readonly baseUrl: string
  /** Waits until what came due after moving the clock is done. */
  settle(): Promise<void>
  /** Answers one endpoint differently for the rest of this test (the mock still serves all others). */
  override(operationId: OperationId, answer: OverrideAnswer): void
  /** msw handlers that go before the mock for the rest of this test, as `server.use(...)` does. */
  use(...handlers: HttpHandler[]): void
}

/** `heymarket` in a test: the options it was made with, and the handle. */
export type HeymarketFixture = HeymarketFixtureOptions & HeymarketHandle

type TestArgs = PlaywrightTestArgs & PlaywrightTestOptions & { heymarket: HeymarketFixture }
type WorkerArgs = PlaywrightWorkerArgs & PlaywrightWorkerOptions

/** Playwright's `test`, whose `use` also takes `{ heymarket: options }`. */
export type HeymarketTest = TestType<TestArgs, WorkerArgs> & {
  use(fixtures: Fixtures<{}, {}, Omit<TestArgs, 'heymarket'> & { heymarket: HeymarketFixtureOptions }, WorkerArgs>): void
}

const ABSOLUTE = /^https?:\/\//i

function mockOptionsOf(options: HeymarketFixtureOptions): HeymarketMockOptions {
  const { preset, dataset, ...rest } = options
  if (preset !== undefined && dataset !== undefined) {
    throw new Error('Failed to set up the heymarket fixture: "preset" and "dataset" were both given. Please pass one of them.')
  }
  const chosen = dataset ?? (preset !== undefined ? loadFixture(preset) : undefined)
  return {
    ...rest,
    ...(chosen ? { dataset: chosen } : {}),
    clock: options.clock ?? TEST_CLOCK,
  }
}

/** The request Playwright paused, as a fetch Request the mock can answer. */
async function toFetchRequest(route: PlaywrightRoute, signal: AbortSignal): Promise<Request> {
  const request = route.request()
  const method = request.method()
  const body = method === 'GET' || method === 'HEAD' ? undefined : (request.postDataBuffer() ?? undefined)
  return new Request(request.url(), { method, headers: await request.allHeaders(), ...(body ? { body: new Uint8Array(body) } : {}), signal })
}

/** The page calls the API from its own origin: the answer must allow it, as the real service's does. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  return {
    'access-control-allow-origin': origin ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': '*',
  }
}

/**
 * Routes the API's requests of every page of a context to a mock in this (the test runner's) process, through
 * Playwright's own routing: no service worker, so it works whatever the app uses (msw 2, msw 3, no msw).
 */
async function routeToMock(context: BrowserContext, mock: HeymarketMock, overrides: HttpHandler[], signal: AbortSignal): Promise<void> {
  const baseUrl = mock.baseUrl
  const basePath = ABSOLUTE.test(baseUrl) ? undefined : new URL(baseUrl || '/', 'http://localhost').pathname.replace(/\/+$/, '')
  const absoluteBase = ABSOLUTE.test(baseUrl) ? baseUrl.replace(/\/+$/, '') : undefined
  const matches = (url: URL) =>
    absoluteBase !== undefined ? url.href === absoluteBase || url.href.startsWith(`${absoluteBase}/`) : url.pathname.startsWith(`${basePath}/`)
  await context.route(matches, async (route) => {
    const origin = (await route.request().allHeaders()).origin
    try {
      if (route.request().method() === 'OPTIONS') {
        await route.fulfill({
          status: 204,
          headers: { ...corsHeaders(origin), 'access-control-allow-methods': 'GET, POST, PUT, DELETE', 'access-control-allow-headers': '*', 'access-control-max-age': '600' },
        })
        return
      }
      const request = await toFetchRequest(route, signal)
      const overridden = overrides.length > 0 ? await getResponse(overrides, request.clone()) : undefined
      const answer = overridden ?? (await mock.fetch(request))
      if (answer.type === 'error') {
        await route.abort('failed')
        return
      }
      const headers: Record<string, string> = { ...corsHeaders(origin) }
      answer.headers.forEach((value, key) => (headers[key] = value))
      await route.fulfill({ status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) })
    } catch (error) {
      // The test ended while the request was held (a hang fault): the page is gone, there is no one to answer.
      if (signal.aborted) return
      throw error
    }
  })
}

function overrideHandler(mock: HeymarketMock, operationId: OperationId, answer: OverrideAnswer): HttpHandler {
  const route = routes.find((candidate) => candidate.operationId === operationId)
  if (!route) {
    throw new Error(`Failed to override ${JSON.stringify(operationId)}: the mock has no such operation. Please use an operationId from heymarket-mock's operations.`)
  }
  const base = ABSOLUTE.test(mock.baseUrl) ? mock.baseUrl : `*${mock.baseUrl}`
  const method = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete }[route.method]
  return method(`${base.replace(/\/+$/, '')}${route.path}`, ({ request }) => (typeof answer === 'function' ? answer(request) : answer.clone()))
}

function handleOf(mock: HeymarketMock, overrides: HttpHandler[]): HeymarketHandle {
  return {
    mock,
    simulate: mock.simulate,
    clock: mock.clock,
    faults: mock.faults,
    db: mock.db,
    build: mock.build,
    get requests() {
      return mock.requests
    },
    baseUrl: mock.baseUrl,
    settle: () => mock.settle(),
    override(operationId, answer) {
      overrides.unshift(overrideHandler(mock, operationId, answer))
    },
    use(...handlers) {
      overrides.unshift(...handlers)
    },
  }
}

/**
 * Playwright's `test` with a `heymarket` fixture: every test gets a mock of its own in the test runner's
 * process, and the page's requests to the API are answered from it. Options per file or group with
 * `test.use({ heymarket: { preset, seed, dataset, clock, auth, faults, baseUrl } })`; parallel workers never share
 * state. The app's own mock worker is kept off (`window.__HEYMARKET_MOCK_OFF__ = true`).
 *
 * @example
 * import { test, expect } from 'heymarket-mock/playwright'
 * test.use({ heymarket: { preset: 'busy-inbox' } })
 * test('shows a new message', async ({ page, heymarket }) => {
 *   await page.goto('/')
 *   await heymarket.simulate.inbound({ from: '14155550100', text: 'Hi!' })
 * })
 */
export const test = base.extend<{ heymarket: HeymarketFixture; heymarketSession: void }>({
  // The options, made into the handle by heymarketSession below. Playwright hands a test the very value given
  // to test.use, so the handle is put behind it (as its prototype) for the test's length, and taken away after.
  heymarket: [{} as HeymarketFixture, { option: true }],
  heymarketSession: [
    async ({ heymarket, context }, use) => {
      const options = heymarket as HeymarketFixtureOptions
      const mock = createHeymarketMock(mockOptionsOf(options))
      await mock.ready
      const overrides: HttpHandler[] = []
      const stop = new AbortController()
      await context.addInitScript((name) => {
        ;(window as unknown as Record<string, unknown>)[name] = true
      }, MOCK_OFF_GLOBAL)
      await routeToMock(context, mock, overrides, stop.signal)
      const previous = Object.getPrototypeOf(options) as object | null
      Object.setPrototypeOf(options, handleOf(mock, overrides))
      try {
        await use()
      } finally {
        Object.setPrototypeOf(options, previous)
        stop.abort()
      }
    },
    { auto: true, box: true },
  ],
}) as HeymarketTest

export { expect }
