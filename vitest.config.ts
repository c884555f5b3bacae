import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // The JSON report feeds the test count printed by .ci/run.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
  },
});
