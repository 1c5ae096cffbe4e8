import { defineConfig } from 'vitest/config';

// Fault tests (a PostgreSQL of their own restarted, a full disk, SIGTERM): `npm run test:faults`, run by .ci/run.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
