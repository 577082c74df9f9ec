import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { checkoutServer } from './checkout-stack';
import { chromiumUnavailable } from './chromium';
import { startTerminalStack, type TerminalStack } from './fixtures';
import type { SellPage } from './pages/sell-page';

// A keyboard-wedge scanner types a barcode and its suffix (Enter) faster than any person: the sell
// screen takes the burst as a scan wherever the focus is, and slow typing stays typing in its field.

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`keyboard-wedge.e2e: skipped, ${unavailable}`);

/**
 * A wedge burst: the barcode's keys and Enter, dispatched in one task so no timer runs between them,
 * the way a scanner's keys arrive back to back. (Playwright's own typing over the protocol is not
 * reliably faster than 30 ms a key on a loaded machine, so it cannot stand in for a scanner.)
 */
async function wedgeBurst(sell: SellPage, code: string): Promise<void> {
  await sell.page.evaluate(
    (keys) => {
      const target = document.activeElement ?? document.body;
      for (const key of keys) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
      }
    },
    [...code, 'Enter'],
  );
}

describe.skipIf(unavailable !== undefined)('keyboard-wedge scanner on the sell screen', () => {
  let server: SyncServerProcess;
  let stack: TerminalStack;
  beforeAll(async () => {
    server = await checkoutServer();
    stack = await startTerminalStack({ server });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await server?.stop();
  });

  it('takes a fast burst ending in Enter as a scanned line, and slow typing in a field as typing', async () => {
    const sell = await stack.openSellPage();
    // The catalog arrives by replication: burst until the line is there.
    await expect
      .poll(
        async () => {
          await wedgeBurst(sell, '4006381333931');
          return sell.lines.count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    expect(await sell.lines.first().textContent()).toContain('Coffee 250 g');
    // The scan's keys reached no field: the scan field the focus was in stays empty.
    expect(await sell.scanInput.inputValue()).toBe('');

    // A burst while a text field of a prompt has the focus is still a scan, not text in that field.
    await sell.press('Alt+k');
    const field = sell.prompt.getByLabel('Scan or type the item');
    await field.waitFor();
    await wedgeBurst(sell, '4006381333948');
    await expect.poll(() => sell.lines.count()).toBe(2);
    expect(await field.inputValue()).toBe('');

    // A person typing the same kind of code slowly (150 ms a key) into the price-check field: typing.
    await field.focus();
    await sell.page.keyboard.type('4006381333931', { delay: 150 });
    await expect.poll(() => field.inputValue()).toBe('4006381333931');
    await field.press('Enter');
    await expect.poll(() => sell.message.textContent()).toMatch(/^Price check: Coffee 250 g/);
    expect(await sell.lines.count()).toBe(2);
    expect(sell.consoleErrors).toEqual([]);
  }, 120_000);
});
