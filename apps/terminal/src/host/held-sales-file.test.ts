import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, serveHostCall } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noDevices } from './no-devices';
import { startTerminalHost, type TerminalHost } from './terminal-host';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'held-sales-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const start = (): Promise<TerminalHost> =>
  startTerminalHost(
    {
      version: 't',
      mode: 'browser',
      dataDir,
      syncServerUrl: null,
      standalone: { terminalId: 'T1', storeId: 'S1' },
    },
    noDevices(),
    fixedClock(1),
  );

describe('held sales in the host', () => {
  it('keeps what the renderer held across a restart of the host (outside any browser profile)', async () => {
    const first = await start();
    expect(await serveHostCall(first.handlers, 'holds.load', {})).toEqual({
      ok: true,
      value: { value: null },
    });
    const held = JSON.stringify([{ id: 'cart-1', label: '2 lines' }]);
    expect(await serveHostCall(first.handlers, 'holds.save', { value: held })).toMatchObject({ ok: true });
    await first.close();

    const second = await start();
    expect(await serveHostCall(second.handlers, 'holds.load', {})).toEqual({
      ok: true,
      value: { value: held },
    });
    await serveHostCall(second.handlers, 'holds.save', { value: '{"torn', aside: true });
    expect(await readFile(join(dataDir, 'held-sales.unreadable.json'), 'utf8')).toBe('{"torn');
    // Keeping unreadable content aside leaves the list itself alone.
    expect(await serveHostCall(second.handlers, 'holds.load', {})).toEqual({
      ok: true,
      value: { value: held },
    });
    await second.close();
  });
});
