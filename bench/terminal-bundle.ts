// Bundles bench/terminal-page.ts (the renderer's database, catalog and sale code) for Chromium.
import { join } from 'node:path';
import { build } from 'esbuild';

/** The page script as one ES module. */
export async function bundleTerminalPage(): Promise<string> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'terminal-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome130',
    write: false,
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]?.text;
  if (!script) throw new Error('esbuild produced no bundle for bench/terminal-page.ts');
  return script;
}
