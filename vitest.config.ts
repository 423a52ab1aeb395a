import { defineConfig } from 'vitest/config'

/**
 * Two projects: `unit` (the mock through msw, its server, CLI and package) and `contract` (the API's observable
 * behaviour over HTTP, against the mock's server by default or any server named by HEYMARKET_BASE_URL).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every mock in the suite checks its answers against their schemas (the validateResponses option).
    env: { EXPECTED_MSW_MAJOR: '3', HEYMARKET_MOCK_VALIDATE_RESPONSES: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/contract/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['test/contract/**/*.contract.test.ts'],
          globalSetup: ['test/contract/global-setup.ts'],
          // One file at a time: the files share one server (and, against a live account, one test inbox).
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
})
