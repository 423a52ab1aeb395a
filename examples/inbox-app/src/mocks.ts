import { PRESET_FILES, readDataset, startHeymarketWorker, type HeymarketBrowserMock, type PresetName } from 'heymarket-mock/browser'

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
  const file = preset && PRESET_FILES[preset as PresetName]
  if (preset && !file) throw new Error(`Unknown preset ${JSON.stringify(preset)}. Please use one of ${Object.keys(PRESET_FILES).join(', ')}.`)
  // busy-inbox ships gzipped; readDataset reads either form (no faker is loaded for a preset).
  const dataset = file ? await readDataset(fetch(`${import.meta.env.BASE_URL}presets/${file}`)) : undefined
  return startHeymarketWorker({
    ...(dataset ? { dataset } : { seed }),
    persist: params.get('persist') === 'off' ? false : { key: preset ?? `seed-${seed}` },
    serviceWorkerUrl: `${import.meta.env.BASE_URL}mockServiceWorker.js`,
    quiet: true,
    // Every answer is checked against its schema: a mock bug shows up as a 500 that names it, not as odd data.
    validateResponses: true,
  })
}
