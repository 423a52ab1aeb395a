import type { Preview } from '@storybook/react-vite'
import { heymarketBeforeEach, heymarketLoader } from 'heymarket-mock/storybook'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import '../../inbox-app/src/styles.css'

const preview: Preview = {
  loaders: [
    // One worker for Storybook. msw 3 renamed onUnhandledRequest to onUnhandledFrame: both are given so that
    // either major version stays quiet.
    mswLoader(async () => {
      const worker = setupWorker()
      await worker.start({ quiet: true, onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass' } as never)
      return worker
    }),
    // A mock of its own for every story with parameters.heymarket (presets served at presets/ by main.ts).
    heymarketLoader(),
  ],
  beforeEach: heymarketBeforeEach,
  // Every answer is checked against its schema: a mock bug shows up as a 500 that names it, not as odd data.
  parameters: { layout: 'fullscreen', heymarket: { validateResponses: true } },
}

export default preview
