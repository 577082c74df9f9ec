import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { checkoutServer } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { startTerminalStack, type TerminalStack } from './fixtures';
import type { SellPage } from './pages/sell-page';

// A held (parked) sale is kept by the host, beside the journal: a restarted host and a wiped browser
// profile still recall it.

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`held-sales.e2e: skipped, ${unavailable}`);

/** Scans in the scan field until the line is there (the catalog arrives by replication). */
async function scanUntilLines(sell: SellPage, code: string, lines: number): Promise<void> {
  await expect
    .poll(
      async () => {
        if ((await sell.lines.count()) < lines) await sell.scan(code);
        return sell.lines.count();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(lines);
}

describe.skipIf(unavailable !== undefined)('held sales', () => {
  let server: SyncServerProcess;
  beforeAll(async () => {
    server = await checkoutServer();
  }, 120_000);
  afterAll(() => server?.stop());

  it('recalls a held sale after the host restarts with a wiped browser profile', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'held-sales-e2e-'));
    let stack: TerminalStack | undefined = await startTerminalStack({ server, dataDir });
    try {
      const sell = await stack.openSellPage();
      await scanUntilLines(sell, '4006381333931', 1);
      await scanUntilLines(sell, '4006381333948', 2);
      await sell.press('Alt+h');
      await expect.poll(() => sell.message.textContent()).toBe('Sale held. Recall it with Alt+R.');
      expect(await sell.lines.count()).toBe(0);
      // The host goes down and comes back; the new browser has a fresh profile (nothing in IndexedDB or localStorage).
      await stack.stop();
      stack = await startTerminalStack({ server, dataDir });
      const again = await stack.openSellPage();
      await again.press('Alt+r');
      await again.choose(/2 lines/);
      await expect.poll(() => again.lines.count()).toBe(2);
      expect(await again.message.textContent()).toMatch(/^Recalled: 2 lines/);
      // Recalled means no longer held.
      expect(await stack.host.handlers['holds.load']({})).toEqual({ value: '[]' });
      expect(again.consoleErrors).toEqual([]);
    } finally {
      await stack?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
