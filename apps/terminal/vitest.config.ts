import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node (the renderer's database code against fake-indexeddb and the real
// sync-server); the Playwright specs in e2e/ run in the same project against Chromium, after a global
// setup that builds the renderer once.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['./e2e/global-setup.ts'],
  },
});
