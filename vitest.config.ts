import { defineConfig } from 'vitest/config';

// Each workspace owns its vitest.config.ts (environment, timeouts, pools); the root only lists them.
export default defineConfig({
  test: {
    projects: ['packages/shared', 'drivers', 'apps/sync-server', 'apps/terminal'],
  },
});
