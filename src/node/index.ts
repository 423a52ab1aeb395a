import { setupServer, type SetupServer } from 'msw/node'
import { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
import { TEST_CLOCK } from '../primitives/clock.js'

/** What msw does with requests no handler answers: `'bypass'`, `'warn'` (msw's default) or `'error'`. */
export type UnhandledRequestPolicy = 'bypass' | 'warn' | 'error'

export type HeymarketServerOptions = HeymarketMockOptions & {
  /** What msw does with requests to other hosts (default: msw's own, `'warn'`). */
  onUnhandledRequest?: UnhandledRequestPolicy
}

export type HeymarketTestServer = {
  mock: HeymarketMock
  /** The msw server: add per-test overrides with `server.use(...)`. */
  server: SetupServer
  /** Starts intercepting and waits until the data is loaded. */
  listen(): Promise<void>
  /** Drops per-test overrides and returns the data, clock and ids to the seeded state. */
  reset(): Promise<void>
  /** Stops intercepting. */
  close(): void
}

/**
 * msw 3 renamed `onUnhandledRequest` to `onUnhandledFrame`; both names are passed so that the same call works
 * with either major version (each ignores the other's name).
 */
function listenOptions(policy: UnhandledRequestPolicy | undefined): never {
  return (policy === undefined ? undefined : { onUnhandledRequest: policy, onUnhandledFrame: policy }) as never
}

/**
 * An msw server in Node with the mock's handlers: the building block for any test runner. Its clock is the
 * test clock (`TEST_CLOCK`: from the anchor, one second per write) unless `clock` says otherwise; real time is
 * `clock: { start: 'anchor', frozen: false }`.
 *
 * @example
 * const { mock, server, listen, reset, close } = createHeymarketServer({ seed: 3 })
 * beforeAll(listen); afterEach(reset); afterAll(close)
 */
export function createHeymarketServer(options: HeymarketServerOptions = {}): HeymarketTestServer {
  const { onUnhandledRequest, ...mockOptions } = options
  // A test clock unless told otherwise: the same test writes the same timestamps in every run.
  const mock = createHeymarketMock({ ...mockOptions, clock: mockOptions.clock ?? TEST_CLOCK })
  const server = setupServer(...mock.handlers)
  return {
    mock,
    server,
    async listen() {
      server.listen(listenOptions(onUnhandledRequest))
      await mock.ready
    },
    async reset() {
      server.resetHandlers()
      await mock.reset()
    },
    close() {
      server.close()
    },
  }
}

type Hook = (callback: () => unknown) => unknown
export type TestHooks = { beforeAll: Hook; afterEach: Hook; afterAll: Hook }

function globalHooks(): TestHooks | undefined {
  const scope = globalThis as Partial<TestHooks>
  if (typeof scope.beforeAll === 'function' && typeof scope.afterEach === 'function' && typeof scope.afterAll === 'function') {
    return { beforeAll: scope.beforeAll, afterEach: scope.afterEach, afterAll: scope.afterAll }
  }
  return undefined
}

/**
 * One call for a test file: intercepts with the mock before the tests, resets it after each test, stops after
 * all. Pass vitest's hooks, or leave them out where the runner has globals (jest, vitest with `globals: true`).
 *
 * @example
 * import { beforeAll, afterEach, afterAll } from 'vitest'
 * const { mock, server } = useHeymarketMock({ seed: 3 }, { beforeAll, afterEach, afterAll })
 */
export function useHeymarketMock(options: HeymarketServerOptions = {}, hooks: TestHooks | undefined = globalHooks()): HeymarketTestServer {
  if (!hooks) {
    throw new Error(
      'Failed to set up heymarket-mock: no beforeAll/afterEach/afterAll hooks were given and none are global. Please pass them: useHeymarketMock(options, { beforeAll, afterEach, afterAll }), or enable globals in your test runner.',
    )
  }
  const testServer = createHeymarketServer(options)
  hooks.beforeAll(() => testServer.listen())
  hooks.afterEach(() => testServer.reset())
  hooks.afterAll(() => testServer.close())
  return testServer
}

export { loadFixture, listFixtures, fixturesDirectory, FIXTURE_NAMES, type FixtureName } from './fixtures.js'
export { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
export { HeymarketSimulationError } from '../core/simulation-error.js'
