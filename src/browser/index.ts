import { setupWorker, type SetupWorker } from 'msw/browser'
import { persistMock, type PersistOptions, type Persistence } from './persistence.js'
import { createHeymarketMock, DEFAULT_SEED, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'

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
  /**
   * Keep the mock's state across reloads (and share it with other tabs): `true`, or options. Off by default.
   * `mock.reset()` clears what was kept.
   */
  persist?: boolean | PersistOptions
}

export type HeymarketBrowserMock = HeymarketMock & {
  /** The msw worker: `worker.use(...)` for per-story or per-page overrides. */
  worker: SetupWorker
  /** Stops intercepting. */
  stop(): Promise<void>
  /** Present when `persist` was asked for. */
  persistence?: Persistence
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
  const { serviceWorkerUrl, onUnhandledRequest = 'bypass', quiet = false, persist, ...mockOptions } = options
  const mock = createHeymarketMock(mockOptions)
  await mock.ready
  // Restore before the worker answers anything, so that no request sees the seeded state first.
  const persistOptions = persist === true ? {} : persist || undefined
  const persistence = persistOptions ? await persistMock(mock, { ...persistOptions, key: persistOptions.key ?? defaultPersistKey(mockOptions) }) : undefined
  const worker = setupWorker(...mock.handlers)
  // msw 3 renamed `onUnhandledRequest` to `onUnhandledFrame`; both are passed so either major version works.
  await worker.start({
    ...(serviceWorkerUrl ? { serviceWorker: { url: serviceWorkerUrl } } : {}),
    quiet,
    onUnhandledRequest,
    onUnhandledFrame: onUnhandledRequest,
  } as never)
  return Object.assign(mock, {
    worker,
    ...(persistence ? { persistence } : {}),
    async stop() {
      persistence?.stop()
      await worker.stop()
    },
  })
}

/** The default storage key names what the mock starts from, so that another seed or preset never meets a stale state. */
export function defaultPersistKey(options: HeymarketMockOptions): string {
  if (options.dataset) {
    const { name, seed } = options.dataset.meta
    return name ? `preset-${name}` : seed !== undefined ? `dataset-seed-${seed}` : 'dataset'
  }
  return `seed-${options.seed ?? DEFAULT_SEED}`
}

export { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
export { clearPersistedState, persistMock, type PersistOptions, type Persistence, type StateStorage } from './persistence.js'
export { createHeymarketClient, HeymarketApiError, type HeymarketClient } from '../client/index.js'
export { HeymarketSimulationError } from '../core/simulation-error.js'
export { readDataset, toDataset, type DatasetSource } from '../core/read-dataset.js'
export { PRESET_FILES, type PresetName } from '../core/preset-files.js'
