import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: { index: 'src/core/index.ts', node: 'src/node/index.ts', server: 'src/server/index.ts', browser: 'src/browser/index.ts', playwright: 'src/playwright/index.ts', storybook: 'src/storybook/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Code shared by the entry points lives in chunks, and the seed generator (with faker) in a chunk of its
    // own that only a seeded mock loads.
    splitting: true,
    shims: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['msw', 'msw/node', 'msw/browser', '@playwright/test', 'msw-storybook-addon', /^storybook(\/.*)?$/],
  },
  {
    entry: { cli: 'src/server/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    external: ['msw', 'msw/node'],
  },
])
