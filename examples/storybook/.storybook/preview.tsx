import type { Preview } from '@storybook/react-vite'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import '../../inbox-app/src/styles.css'

const preview: Preview = {
  loaders: [
    // One worker for Storybook; stories add the handlers of their own mock. msw 3 renamed
    // onUnhandledRequest to onUnhandledFrame: both are given so that either major version stays quiet.
    mswLoader(async () => {
      const worker = setupWorker()
      await worker.start({ quiet: true, onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass' } as never)
      return worker
    }),
  ],
  parameters: { layout: 'fullscreen' },
}

export default preview
