import { createIdFactory, exampleOrder, type HostRequest } from '@store-os/shared';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../src/host/journal';
import { journalPathIn } from '../src/host/terminal-options';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { checkoutServer } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { startTerminalStack, type TerminalStack } from './fixtures';

// The start-up journal replay: progress in the header ("N of M sales restored, about T s left") while
// the terminal already sells from what is local, a durable checkpoint so the next start reads nothing
// again, and held sales that outlive a wiped browser profile.

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`journal-replay.e2e: skipped, ${unavailable}`);

const SALES = 250;

/** A journaled sale of this terminal: the example order under a fresh id. */
function journaledSale(terminalId: string, id: string): HostRequest<'journal.append'> {
  const { shiftId: _shift, ...order } = exampleOrder as typeof exampleOrder & { shiftId?: string };
  return {
    id,
    kind: 'sale',
    collection: 'store',
    documents: [{ ...order, id, terminalId }],
  };
}

describe.skipIf(unavailable !== undefined)('journal replay at start', () => {
  let server: SyncServerProcess;
  beforeAll(async () => {
    server = await checkoutServer();
  }, 120_000);
  afterAll(() => server?.stop());

  it('shows how many of how many sales are back while the cashier already sells, and checkpoints it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'journal-replay-e2e-'));
    let stack: TerminalStack | undefined = await startTerminalStack({ server, dataDir });
    try {
      // A terminal whose browser profile lost its sales: the journal holds them.
      const newId = createIdFactory({
        originId: stack.terminalId,
        clock: { now: () => Date.now() },
        random: (n) => crypto.getRandomValues(new Uint8Array(n)),
      });
      for (let i = 0; i < SALES; i += 1)
        await stack.host.journal.append(journaledSale(stack.terminalId, newId()));

      // Hold the replay after its first page, so what the cashier sees meanwhile can be checked.
      const since = stack.host.handlers['journal.since'];
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let pages = 0;
      stack.host.handlers['journal.since'] = async (request) => {
        pages += 1;
        if (pages === 2) await gate;
        return since(request);
      };

      const sell = await stack.openSellPage();
      const progress = sell.page.getByRole('status', { name: 'Journal replay' });
      await expect
        .poll(() => progress.textContent(), { timeout: 30_000 })
        .toMatch(new RegExp(`^200 of ${SALES} sales restored, about \\d+ s left$`));
      // Meanwhile the terminal sells from what is local (the catalog arrives by replication).
      await expect
        .poll(
          async () => {
            await sell.scan('4006381333931');
            return sell.lines.count();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBeGreaterThan(0);
      expect(await progress.textContent()).toContain(`200 of ${SALES}`);

      release();
      await expect
        .poll(() => sell.message.textContent(), { timeout: 30_000 })
        .toBe(`Restored ${SALES} sales from the journal.`);
      await expect.poll(() => progress.count()).toBe(0);
      expect(sell.consoleErrors).toEqual([]);
      await stack.stop();
      stack = undefined;

      // The replay left a durable checkpoint: the next start reads none of those lines again.
      const reopened = await Journal.open(journalPathIn(dataDir), { now: () => Date.now() });
      expect(reopened.linesReadAtOpen).toBe(0);
      expect(reopened.lastSeq).toBe(SALES);
      await reopened.close();
    } finally {
      await stack?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
