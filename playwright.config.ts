import { defineConfig } from '@playwright/test'
import { findChromium } from './scripts/chromium.mjs'

/**
 * Real-browser tests of the example app and the Storybook build.
 * Chromium: what scripts/chromium.mjs finds ($CHROMIUM_PATH, Playwright's own, the system's); `npm run test:browser`
 * runs it with --ensure first, which gets one when none is there.
 */
const executablePath = findChromium()?.executablePath
const APP = 'http://127.0.0.1:4173'
const STORYBOOK = 'http://127.0.0.1:6007'

export default defineConfig({
  testDir: 'test/browser',
  outputDir: 'test-results/browser',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two workers: the example app's tests run in parallel, each over a mock of its own (heymarket-mock/playwright).
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    baseURL: APP,
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    viewport: { width: 1280, height: 800 },
  },
  webServer: [
    {
      command: 'node dist/cli.js init examples/inbox-app/public --no-save && vite build examples/inbox-app --logLevel warn && vite preview examples/inbox-app --port 4173 --strictPort',
      url: APP,
      timeout: 180_000,
      reuseExistingServer: false,
    },
    {
      command:
        'node dist/cli.js init examples/storybook/public --no-save && storybook build -c examples/storybook/.storybook -o examples/storybook/storybook-static --quiet && vite preview --outDir examples/storybook/storybook-static --port 6007 --strictPort',
      url: STORYBOOK,
      timeout: 240_000,
      reuseExistingServer: false,
      env: { STORYBOOK_DISABLE_TELEMETRY: '1' },
    },
  ],
})

export { APP, STORYBOOK }
