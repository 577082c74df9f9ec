import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@store-os/shared';
import { noDevices } from '../src/host/no-devices';
import { startTerminalHost, type TerminalHost } from '../src/host/terminal-host';

/** A host on a fresh temporary data folder, for tests; `dispose` closes it and removes the folder. */
export async function startTestHost(syncServerUrl: string | null = null): Promise<{
  host: TerminalHost;
  dataDir: string;
  dispose(): Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'terminal-host-'));
  const host = await startTerminalHost(
    {
      version: '0.0.0-test',
      mode: 'browser',
      dataDir,
      syncServerUrl,
      standalone: { terminalId: 'T1', storeId: 'S1' },
    },
    noDevices(),
    fixedClock(1_700_000_000_000),
  );
  return {
    host,
    dataDir,
    async dispose() {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
