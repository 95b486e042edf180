import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against mutants of shared/rules, shared/tls, shared/response and shared/events:
 * their unit tests and the tests written to kill mutants (test/mutation). Same settings as vitest.config.ts.
 */
export default defineConfig({
  test: {
    include: [
      'test/shared/rules/**/*.test.ts',
      'test/shared/tls/**/*.test.ts',
      'test/shared/response/**/*.test.ts',
      'test/shared/events/**/*.test.ts',
      'test/mutation/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    restoreMocks: true,
    setupFiles: ['test/setup.ts'],
  },
});
