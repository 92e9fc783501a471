import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous for a busy 2-core machine: DynamoDB Local's JVM and Chromium share the cores with the
    // other suites, and a keyboard-only journey of 40 pages took 55 s there. A passing test never waits
    // for these; a stuck one still fails.
    testTimeout: 180_000,
    // expect.poll waits for a condition (a page's focus, a mailbox's email): vitest's default of one second is
    // too short when CI shares the machine. A condition met early returns at once.
    expect: { poll: { timeout: 20_000, interval: 50 } },
    hookTimeout: 180_000,
    // Integration and e2e suites each start their own emulators on free ports;
    // keep parallelism modest for a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
