import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/faults/ runs alone: `npm run test:faults` (vitest.faults.config.ts).
    // *.case.test.ts files are shared suites imported by per-implementation tests, not run alone.
    exclude: ['**/*.case.test.ts', 'node_modules/**', 'test/faults/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
