import { http, type HttpHandler } from 'msw'
import { createHeymarketMock, type HeymarketMock, type HeymarketMockOptions } from '../core/create-heymarket-mock.js'
import { createHeymarketClient, type HeymarketClient } from '../client/index.js'
import { TEST_CLOCK } from '../primitives/clock.js'
import type { Dataset } from '../store/dataset.js'
import { PRESET_FILES, type PresetName } from '../core/preset-files.js'
import { readDataset } from '../core/read-dataset.js'
import type { Parameters as StorybookParameters } from 'storybook/internal/csf'

/** `parameters: { heymarket: { ... } }` of a story (or of a file's default export, or of the whole preview). */
export type HeymarketStoryParameters = Pick<HeymarketMockOptions, 'seed' | 'size' | 'clock' | 'auth' | 'faults' | 'validateResponses'> & {
  /** One of the package's presets, fetched from `presetsUrl` (see `heymarketLoader`). */
  preset?: PresetName
  /** Or a dataset of your own (`import dataset from 'heymarket-mock/fixtures/default.json'`, then `toDataset(dataset)`). */
  dataset?: Dataset
  /**
   * Where this story's API lives. Default: a base URL of the story's own, so that a Docs page that renders
   * several stories at once keeps each story's data apart. Give the component `heymarketOf(context).baseUrl`.
   */
  baseUrl?: string
  /** Runs once the story's mock is ready, before the story renders: build records, add faults. */
  setup?: (mock: HeymarketMock) => void | Promise<void>
}

declare module 'storybook/internal/csf' {
  interface Parameters {
    heymarket?: HeymarketStoryParameters
  }
}

/** Storybook's parameters, with `heymarket` typed (also through the augmentation above). */
export type HeymarketParameters = StorybookParameters & { heymarket?: HeymarketStoryParameters }

/** What a story gets: its own mock, the base URL it answers on, and a typed client for that URL. */
export type HeymarketStory = { mock: HeymarketMock; baseUrl: string; client: HeymarketClient }

/** The part of a story's context the helpers read (Storybook's StoryContext has all of it). */
export type HeymarketStoryContext = {
  id: string
  parameters: { heymarket?: HeymarketStoryParameters }
  loaded: Record<string, unknown>
  msw?: { use(...handlers: HttpHandler[]): void; listHandlers(): readonly unknown[] }
}

const LOADED_KEY = 'heymarket'

/** The stories' mocks by base URL: one msw handler serves them all, so no story's reset removes another's. */
const storyMocks = new Map<string, HeymarketMock>()

function baseOf(mock: HeymarketMock): string {
  return new URL(mock.baseUrl, location.href).href.replace(/\/+$/, '')
}

const storiesHandler = http.all('*', ({ request }) => {
  for (const [base, mock] of storyMocks) {
    if (request.url === base || request.url.startsWith(`${base}/`)) return mock.fetch(request)
  }
  return undefined
})

/**
 * A Storybook loader that gives every story with `parameters.heymarket` a mock of its own (put it after
 * msw-storybook-addon's `mswLoader()`, and add `heymarketBeforeEach` to the preview's `beforeEach`).
 *
 * @example
 * // .storybook/preview.ts
 * import { mswLoader } from 'msw-storybook-addon/csf3'
 * import { heymarketLoader, heymarketBeforeEach } from 'heymarket-mock/storybook'
 * export default { loaders: [mswLoader(), heymarketLoader()], beforeEach: heymarketBeforeEach }
 */
export function heymarketLoader(options: { presetsUrl?: string } = {}) {
  const presetsUrl = options.presetsUrl ?? 'presets/'
  return async function loadHeymarket(context: HeymarketStoryContext): Promise<Record<string, unknown>> {
    const parameters = context.parameters.heymarket
    if (!parameters) return {}
    const { preset, dataset: given, baseUrl: chosenBase, setup, ...rest } = parameters
    if (preset !== undefined && given !== undefined) {
      throw new Error(`Failed to set up the mock of story ${context.id}: "preset" and "dataset" were both given. Please pass one of them.`)
    }
    let dataset = given
    if (preset !== undefined) {
      // Large presets ship as gzipped columns (PRESET_FILES names each file); readDataset reads either form.
      const file = `${presetsUrl}${PRESET_FILES[preset]}`
      const response = await fetch(file)
      if (!response.ok) {
        throw new Error(`Failed to load the preset ${preset} for story ${context.id}: ${file} answered ${response.status}. Please serve the package's fixtures/ folder there (staticDirs).`)
      }
      dataset = await readDataset(response, `the preset ${preset}`)
    }
    const baseUrl = chosenBase ?? `https://api.heymarket.test/stories/${context.id}`
    const mock = createHeymarketMock({ ...rest, ...(dataset ? { dataset } : {}), baseUrl, clock: rest.clock ?? TEST_CLOCK })
    await mock.ready
    await setup?.(mock)
    for (const [base, other] of storyMocks) if (other.baseUrl === baseUrl) storyMocks.delete(base)
    storyMocks.set(baseOf(mock), mock)
    const story: HeymarketStory = { mock, baseUrl, client: createHeymarketClient({ baseUrl, token: 'storybook' }) }
    return { [LOADED_KEY]: story }
  }
}

/**
 * Puts the one handler that serves every story's mock on msw-storybook-addon's worker, after the addon has reset
 * its handlers for the story. Story handlers from `parameters.msw` still come first.
 */
export function heymarketBeforeEach(context: HeymarketStoryContext): void {
  if (!context.parameters.heymarket) return
  if (!context.msw) {
    throw new Error(`Failed to start the mock of story ${context.id}: there is no msw worker in the story context. Please add msw-storybook-addon's mswLoader() to the preview's loaders.`)
  }
  if (!context.msw.listHandlers().includes(storiesHandler)) {
    // Last in line: handlers a story gives in parameters.msw were added before it and win.
    const current = context.msw.listHandlers() as HttpHandler[]
    context.msw.use(storiesHandler)
    if (current.length > 0) context.msw.use(...current)
  }
}

/**
 * The story's mock, base URL and client, typed, inside `render` or `play`.
 *
 * @example render: (_args, context) => <Inbox client={heymarketOf(context).client} />
 */
export function heymarketOf(context: Pick<HeymarketStoryContext, 'loaded' | 'id'>): HeymarketStory {
  const story = context.loaded[LOADED_KEY] as HeymarketStory | undefined
  if (!story) {
    throw new Error(`Failed to find the mock of story ${context.id}: it has no parameters.heymarket, or heymarketLoader() is not among the preview's loaders.`)
  }
  return story
}
