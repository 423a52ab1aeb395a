import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * The Node tests again, with every `msw` import (ours and the tests') resolved to msw 2 (installed as `msw2`),
 * to keep the peer range `^2.12.0 || ^3.0.0` honest.
 */
export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [{ find: /^msw(\/.*)?$/, replacement: 'msw2$1' }],
    },
    test: {
      env: { EXPECTED_MSW_MAJOR: '2', HEYMARKET_MOCK_VALIDATE_RESPONSES: '1' },
      // Suites that do not go through msw (build output, CLI, standalone server) gain nothing from a second run.
      exclude: [
        'test/browser/**',
        'test/package/**',
        'test/cli/**',
        'node_modules/**',
        // suites that never go through msw
        'test/fuzz.property.test.ts',
        'test/sorted-list.property.test.ts',
        'test/timestamps.test.ts',
        'test/seed.test.ts',
        'test/fixtures.test.ts',
        'test/preset-without-faker.test.ts',
        'test/state-changes.test.ts',
        'test/readme-endpoints.test.ts',
        'test/auth-strict.test.ts',
      ],
    },
  }),
)
