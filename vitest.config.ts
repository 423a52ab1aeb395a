import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    // Every mock in the suite checks its answers against their schemas (the validateResponses option).
    env: { EXPECTED_MSW_MAJOR: '3', HEYMARKET_MOCK_VALIDATE_RESPONSES: '1' },
    hookTimeout: 60_000,
  },
})
