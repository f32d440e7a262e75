import { defineConfig } from 'vitest/config';

/** `npm run fuzz`: 10,000 hostile inputs per parser (too slow for `npm test`). */
export default defineConfig({
  test: {
    include: ['src/**/*.fuzz.ts'],
    environment: 'node',
    testTimeout: 600_000,
    pool: 'forks',
  },
});
