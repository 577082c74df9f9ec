import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Contract tests run over PTYs and loopback sockets; every wait inside them is bounded well below this.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
