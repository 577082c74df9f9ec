// Runs every Vitest project and ends with one plain line, "Tests: N passed, N failed, N skipped",
// so CI and people read the same verdict. Exits with Vitest's own status.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const out = '.tmp/vitest-results.json';
rmSync(out, { force: true });
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let summary = 'Tests: results file missing (Vitest did not finish)';
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  summary = `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
  if (r.numTotalTests === 0) summary = 'Tests: 0 passed, 1 failed (no test ran)';
} catch {
  // the summary above already says the file is missing
}
console.log(`\n${summary}`);
process.exit(run.status ?? 1);
