import { startHeymarketWorker, type HeymarketBrowserMock } from 'heymarket-mock/browser'

/**
 * Starts the mock API in this tab, unless the page is told to leave the network alone:
 * `?mock=off` (or `window.__HEYMARKET_MOCK_OFF__ = true` before the app loads) keeps the app's worker off, for
 * when a test runner or Storybook owns the network and one msw worker per page is the rule.
 *
 * `?preset=busy-inbox` starts from a preset, `?seed=7` from another seed; `?persist=off` forgets changes on reload.
 */
export async function startMock(): Promise<HeymarketBrowserMock | undefined> {
  const params = new URLSearchParams(location.search)
  if (params.get('mock') === 'off' || (window as { __HEYMARKET_MOCK_OFF__?: boolean }).__HEYMARKET_MOCK_OFF__) return undefined
  const preset = params.get('preset')
  const seed = Number(params.get('seed') ?? 1)
  const dataset = preset ? await (await fetch(`${import.meta.env.BASE_URL}presets/${preset}.json`)).json() : undefined
  return startHeymarketWorker({
    ...(dataset ? { dataset } : { seed }),
    persist: params.get('persist') === 'off' ? false : { key: preset ?? `seed-${seed}` },
    serviceWorkerUrl: `${import.meta.env.BASE_URL}mockServiceWorker.js`,
    quiet: true,
    // Every answer is checked against its schema: a mock bug shows up as a 500 that names it, not as odd data.
    validateResponses: true,
  })
}
