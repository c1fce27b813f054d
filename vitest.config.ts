import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/test-run.ts'],
    setupFiles: ['test/support/test-file.ts'],
    // Conformance and corpus suites spawn nothing but do real work; give them room on slow CI.
    testTimeout: 60_000,
  },
});
