// The console's Vite configuration, kept in code (not a vite.config.ts beside the sources) so the
// browser sources and the Node build script each have one tsconfig.
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';

/** Served under `/_hq/`; every hashed file goes to `assets/` (cached for a year by serve-console). */
export function consoleViteConfig(root: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    root,
    base: '/_hq/',
    plugins: [react()],
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: 'assets',
      target: 'chrome120',
      sourcemap: true,
      // A strict CSP allows no inline script; the module-preload polyfill is not needed by current browsers.
      modulePreload: { polyfill: false },
      // Tiny assets would otherwise become data: URLs inside CSS/JS; keep every file a file.
      assetsInlineLimit: 0,
    },
  };
}
