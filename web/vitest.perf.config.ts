import { defineConfig } from 'vitest/config';

// The performance run (npm run perf): the built IDE in Chromium under churn. Not a test suite:
// it prints its numbers as JSON and writes them to target/perf.json.
export default defineConfig({
  test: {
    include: ['e2e/perf.run.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
