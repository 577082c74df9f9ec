// `npm run bench`: runs every bench/*.bench.ts in its own process (so one cannot skew another's memory
// or JIT state), then rewrites docs/performance.md from bench/results/*.json.
// `npm run bench -- pricing` runs only the benches whose file name contains "pricing".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writePerformanceDoc } from './report';

const filter = process.argv.slice(2);
const dir = import.meta.dirname;
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((word) => f.includes(word)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench failed: ${file} (exit ${result.status})`);
  }
}
writePerformanceDoc();
console.log(`\n${benches.length - failed} benches ran, ${failed} failed; docs/performance.md updated.`);
process.exit(failed === 0 ? 0 : 1);
