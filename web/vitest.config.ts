import { defineConfig } from 'vitest/config';

// Unit tests only: pure code, no browser, no network. The end-to-end suite has its own config.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
