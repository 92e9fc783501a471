import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration and e2e suites each start their own emulators on free ports;
    // keep parallelism modest for a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
