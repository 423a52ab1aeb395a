import { setupWorker, type SetupWorker } from 'msw/browser'
import { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from './create-heymarket-mock.js'

/** What msw does with requests no handler answers: `'bypass'` (default here), `'warn'` or `'error'`. */
export type UnhandledRequestPolicy = 'bypass' | 'warn' | 'error'

export type HeymarketWorkerOptions = HeymarketMockOptions & {
  /** Where the worker script is served (default `/mockServiceWorker.js`; copy it with `npx heymarket-mock init <publicDir>`). */
  serviceWorkerUrl?: string
  /**
   * What msw does with other requests (default `'bypass'`: the app's own assets and other APIs go to the
   * network untouched).
   */
  onUnhandledRequest?: UnhandledRequestPolicy
  /** Do not log each mocked request in the console (default false). */
  quiet?: boolean
}

export type HeymarketBrowserMock = HeymarketMock & {
  /** The msw worker: `worker.use(...)` for per-story or per-page overrides. */
  worker: SetupWorker
  /** Stops intercepting. */
  stop(): Promise<void>
}

/**
 * Starts an msw service worker with the mock's handlers and resolves once it intercepts and the data is loaded.
 *
 * @example
 * // src/mocks.ts
 * import { startHeymarketWorker } from 'heymarket-mock/browser'
 * export const mock = await startHeymarketWorker({ seed: 7 })
 */
export async function startHeymarketWorker(options: HeymarketWorkerOptions = {}): Promise<HeymarketBrowserMock> {
  const { serviceWorkerUrl, onUnhandledRequest = 'bypass', quiet = false, ...mockOptions } = options
  const mock = createHeymarketMock(mockOptions)
  const worker = setupWorker(...mock.handlers)
  // msw 3 renamed `onUnhandledRequest` to `onUnhandledFrame`; both are passed so either major version works.
  await worker.start({
    ...(serviceWorkerUrl ? { serviceWorker: { url: serviceWorkerUrl } } : {}),
    quiet,
    onUnhandledRequest,
    onUnhandledFrame: onUnhandledRequest,
  } as never)
  await mock.ready
  return Object.assign(mock, {
    worker,
    async stop() {
      await worker.stop()
    },
  })
}

export { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from './create-heymarket-mock.js'
