import { defineConfig } from 'vitest/config'

/**
 * The Node tests again, with every `msw` import (ours and the tests') resolved to msw 2 (installed as `msw2`),
 * to keep the peer range `^2.12.0 || ^3.0.0` honest. Only the suites that go through msw run twice.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^msw(\/.*)?$/, replacement: 'msw2$1' }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { EXPECTED_MSW_MAJOR: '2', HEYMARKET_MOCK_VALIDATE_RESPONSES: '1' },
    include: ['test/**/*.test.ts'],
    exclude: [
      'node_modules/**',
      // suites that never go through msw: the browser, the build output, the CLI and standalone server, the
      // contract suite (HTTP to the server), and the ones that only touch the store and the rules
      'test/browser/**',
      'test/package/**',
      'test/matrix/**',
      'test/readme-typecheck.test.ts',
      'test/dataset-columns.test.ts',
      'test/seed-realism.test.ts',
      'test/cli/**',
      'test/contract/**',
      'test/fuzz.property.test.ts',
      'test/sorted-list.property.test.ts',
      'test/timestamps.test.ts',
      'test/seed.test.ts',
      'test/fixtures.test.ts',
      'test/preset-without-faker.test.ts',
      'test/state-changes.test.ts',
      'test/readme-endpoints.test.ts',
      'test/auth-strict.test.ts',
      'test/openapi.test.ts',
    ],
  },
})
