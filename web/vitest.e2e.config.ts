import { defineConfig } from 'vitest/config';

// End-to-end tests: the built IDE in real Chromium against a mock Backend. One file at a time,
// since each starts a browser and the machine has two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
