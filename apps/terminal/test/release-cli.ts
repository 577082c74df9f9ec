// IT's release CLI (apps/sync-server/src/updates/release-cli.ts) run as IT runs it, for terminal tests
// that publish real signed releases: keygen, sign and publish, failing with the CLI's own output.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const releaseCli = join(repoRoot, 'apps/sync-server/src/updates/release-cli.ts');
const run = promisify(execFile);

/** Runs `release-cli <args>` from the repository root and returns what it printed. */
export async function runReleaseCli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', releaseCli, ...args], { cwd: repoRoot });
  return stdout;
}
