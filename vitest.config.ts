import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    env: { EXPECTED_MSW_MAJOR: '3' },
    hookTimeout: 60_000,
  },
})
