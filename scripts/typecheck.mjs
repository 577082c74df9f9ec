// Type-checks every project with the native TypeScript compiler (tsgo, TypeScript 7).
// Each workspace has its own tsconfig so its lib/types match where it runs (shared: no Node, no DOM).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const tsc = fileURLToPath(new URL('../node_modules/tsgo/bin/tsc', import.meta.url));
const projects = [
  'packages/shared/tsconfig.json',
  'drivers/tsconfig.json',
  'apps/sync-server/tsconfig.json',
  'apps/sync-server/console/tsconfig.json',
  'apps/terminal/tsconfig.json',
  'apps/terminal/tsconfig.renderer.json',
  'apps/terminal/tsconfig.main.json',
  'tsconfig.json',
].filter((p) => existsSync(p));

let failed = 0;
for (const project of projects) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--pretty'], { stdio: 'inherit' });
  const ms = Math.round(performance.now() - started);
  if (result.status !== 0) {
    failed += 1;
    console.error(`typecheck failed: ${project}`);
  } else {
    console.log(`typecheck ok: ${project} (${ms} ms)`);
  }
}
process.exit(failed === 0 ? 0 : 1);
