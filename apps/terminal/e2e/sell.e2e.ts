import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumUnavailable } from './chromium';
import { startTerminalStack, type TerminalStack } from './fixtures';

const unavailable = chromiumUnavailable();
if (unavailable) console.log(`sell.e2e: skipped, ${unavailable}`);

describe.skipIf(unavailable !== undefined)('sell screen in browser mode, standalone', () => {
  let stack: TerminalStack;
  beforeEach(async () => {
    stack = await startTerminalStack();
  });
  afterEach(() => stack.stop());

  it('starts under the strict CSP without errors, says it is standalone, and explains an unknown barcode', async () => {
    const sell = await stack.openSellPage();
    await expect.poll(() => sell.connection.textContent()).toContain('Standalone');
    // Standalone nothing syncs: facts written here (the sign-in's audit event) stay waiting, and say so.
    expect(await sell.waiting.textContent()).toMatch(/^\d+ waiting$/);
    await sell.scan('4006381333931');
    await expect
      .poll(() => sell.message.textContent())
      .toContain('Nothing in the catalog matches "4006381333931"');
    expect(await sell.lines.count()).toBe(0);
    expect(await sell.scanInput.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(sell.consoleErrors).toEqual([]);
  });

  it('refuses to start a page opened without the per-start token, and says what to do', async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.browserHost.origin + '/');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('opened without its host token');
  });

  it('keeps the host closed to a page that forges the token', async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(`${stack.browserHost.origin}/#token=forged`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('refused or dropped the connection');
  });
});
