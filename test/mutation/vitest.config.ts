import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against mutants of shared/rules, shared/tls, shared/response and shared/events:
 * their unit tests and the tests written to kill mutants (test/mutation). Same settings as vitest.config.ts, except
 * `isolate: false`: Stryker switches mutants at run time, so the test files need not be re-imported for every mutant.
 * With isolation each mutant of a module the AWS-facing tests import re-loaded the SDK clients (about 30 mutants a
 * minute on shared/response/executor.ts); without it the same 167 mutants run 3 times faster with exactly the same
 * killed/survived outcome per mutant (compared on 2026-12-01).
 */
export default defineConfig({
  test: {
    include: [
      'test/shared/rules/**/*.test.ts',
      'test/shared/families/**/*.test.ts',
      'test/shared/tls/**/*.test.ts',
      'test/shared/response/**/*.test.ts',
      'test/shared/events/**/*.test.ts',
      'test/mutation/**/*.test.ts',
    ],
    environment: 'node',
    isolate: false,
    testTimeout: 20_000,
    restoreMocks: true,
    setupFiles: ['test/setup.ts'],
  },
});
