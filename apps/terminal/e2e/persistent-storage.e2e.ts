// The terminal asks Chromium for persistent storage at start, before it opens its database, so the
// browser never evicts unsynced sales under storage pressure. The page's storage calls are recorded by
// an init script (it runs before the app's own scripts, outside the page's CSP).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumUnavailable } from './chromium';
import { startTerminalStack, type TerminalStack } from './fixtures';

const unavailable = chromiumUnavailable();
if (unavailable) console.log(`persistent-storage.e2e: skipped, ${unavailable}`);

declare global {
  interface Window {
    storageCalls?: string[];
  }
}

describe.skipIf(unavailable !== undefined)('persistent storage at start', () => {
  let stack: TerminalStack;
  beforeEach(async () => {
    stack = await startTerminalStack();
  });
  afterEach(() => stack.stop());

  it('is requested once at start, before the database opens', async () => {
    await stack.browser.context.addInitScript(() => {
      const calls: string[] = [];
      window.storageCalls = calls;
      const persist = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => {
        calls.push('persist');
        return persist();
      };
      const open = indexedDB.open.bind(indexedDB);
      indexedDB.open = (name: string, version?: number) => {
        calls.push(`open ${name}`);
        return open(name, version);
      };
    });
    const sell = await stack.openSellPage();
    const calls = await sell.page.evaluate(() => window.storageCalls ?? []);
    const firstOpen = calls.findIndex((c) => c.startsWith('open pos-'));
    expect(calls.filter((c) => c === 'persist')).toHaveLength(1);
    expect(firstOpen, `storage calls: ${calls.join(', ')}`).toBeGreaterThan(calls.indexOf('persist'));
    expect(calls.indexOf('persist')).toBeGreaterThanOrEqual(0);
    expect(sell.consoleErrors).toEqual([]);
  });
});
