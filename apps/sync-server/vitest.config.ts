import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'console/src/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    // The HQ console e2e specs (Chromium) need the console built once per run.
    globalSetup: ['./e2e/global-setup.ts'],
    // Tests start real servers (and child processes) on a shared 2-core machine: generous limits, but
    // every test still bounds its own work; speed is measured in bench/, never asserted here.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
