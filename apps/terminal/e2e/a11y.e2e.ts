// Accessible names on every control, checked on every screen a cashier reaches: enrollment, PIN login,
// sell (with a line, the payment panel, an input prompt, a choice prompt and the manager approval dialog),
// and each screen of the navigation. Reads the page's accessibility tree as Playwright computes it
// (ariaSnapshot) and fails on any button, field, radio, checkbox, tab or option without a name. The same
// screens are checked for touch targets: every visible control at least 44 × 44 CSS px, a radio or
// checkbox at least 24 px inside a label at least 44 px high.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens } from '../src/renderer/app/screens';
import { sampleCatalog } from '../src/renderer/sale/sale-fixtures';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { chromiumUnavailable } from './chromium';
import {
  DEMO_CASHIER,
  DEMO_MANAGER,
  seedCatalog,
  startSyncServerProcess,
  startTerminalStack,
  STORE_ID,
} from './fixtures';
import { OpsShiftPage } from './pages/ops-shift-page';
import { SellPage } from './pages/sell-page';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`a11y.e2e: skipped, ${unavailable}`);

const COFFEE = '4006381333931';

/** Roles of controls a person operates; each needs a name a screen reader can say. */
const CONTROL_ROLES = [
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'option',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
];
const UNNAMED = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(?: \\[[^\\]]*\\])*:?\\s*$`);

/** The controls on the page without an accessible name, as lines of its accessibility tree. */
async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  return tree.split('\n').filter((line) => UNNAMED.test(line));
}

/** How many controls the page shows (so a check over an empty page cannot pass by accident). */
async function controlCount(page: Page): Promise<number> {
  const tree = await page.locator('body').ariaSnapshot();
  const named = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})\\b`);
  return tree.split('\n').filter((line) => named.test(line)).length;
}

/** Visible controls smaller than a finger, described as `tag "name" W×H`. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const describe = (el: Element, r: DOMRect) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`;
    for (const el of document.querySelectorAll('button, select, textarea, input, [role="button"]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      const box = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox');
      if (box) {
        const label = el.closest('label')?.getBoundingClientRect();
        if (r.width < 24 || r.height < 24 || !label || label.height < 44) small.push(describe(el, r));
      } else if (r.width < 44 || r.height < 44) small.push(describe(el, r));
    }
    return small;
  });
}

async function expectAllNamed(page: Page, where: string): Promise<void> {
  const count = await controlCount(page);
  console.log(`a11y.e2e: ${where}: ${count} controls`);
  expect(count, `${where}: controls on screen`).toBeGreaterThan(0);
  expect(await unnamedControls(page), `${where}: controls without an accessible name`).toEqual([]);
  expect(await smallTargets(page), `${where}: controls smaller than a touch target`).toEqual([]);
}

describe('the unnamed-control check itself', () => {
  it('recognises an unnamed control line and accepts named ones', () => {
    expect(UNNAMED.test('  - button')).toBe(true);
    expect(UNNAMED.test('  - textbox [disabled]')).toBe(true);
    expect(UNNAMED.test('- combobox:')).toBe(true);
    expect(UNNAMED.test('  - button "Pay" [pressed]')).toBe(false);
    expect(UNNAMED.test('  - textbox "Scan or search"')).toBe(false);
    expect(UNNAMED.test('  - heading "Sell" [level=1]')).toBe(false);
  });
});

describe.skipIf(unavailable !== undefined)('accessible names on every control of every screen', () => {
  let server: SyncServerProcess;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase(`store-${STORE_ID}`);
    await seedCatalog(server, sampleCatalog(STORE_ID));
  }, 120_000);
  afterAll(() => server?.stop());

  it('a page with an unnamed button fails the check (the check can see what it looks for)', async () => {
    const stack = await startTerminalStack({ server });
    try {
      const page = await stack.browser.context.newPage();
      await page.setContent('<button></button><input type="text"><button aria-label="Named"></button>');
      expect(await unnamedControls(page)).toHaveLength(2);
      // Unstyled controls are smaller than a finger: the size check sees them too.
      expect(await smallTargets(page)).toHaveLength(3);
    } finally {
      await stack.stop();
    }
  }, 60_000);

  it('enrollment, login, sell, payment, prompts, approval and every screen of the navigation', async () => {
    const stack = await startTerminalStack({ server, enroll: 'manual' });
    try {
      const { page, login } = await stack.openPage();
      await login.serverUrl.waitFor({ timeout: 30_000 });
      await expectAllNamed(page, 'enrollment');
      await login.enroll(server.url, stack.enrollmentCode ?? '');

      await login.person(DEMO_CASHIER.name).waitFor({ timeout: 30_000 });
      await expectAllNamed(page, 'login');
      await login.signIn(DEMO_CASHIER.name, DEMO_CASHIER.pin);

      const sell = new SellPage(page);
      await sell.scanInput.waitFor({ timeout: 30_000 });
      await expectAllNamed(page, 'sell (empty)');
      // Payment needs an open shift: the cashier opens the till with a float first.
      const shift = new OpsShiftPage(page);
      await shift.open('F10', 'Shift and close');
      await expectAllNamed(page, 'shift (no shift open)');
      await shift.openShift('100.00');
      await page.keyboard.press('F1');
      await page.locator('[data-till="open"]').waitFor({ timeout: 30_000 });
      await expect
        .poll(
          async () => {
            await sell.scan(COFFEE);
            return sell.lines.count();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBeGreaterThan(0);
      await expectAllNamed(page, 'sell (one line)');

      // An input prompt, a choice prompt and the manager's approval dialog (a price override).
      await sell.selectLine('Coffee 250 g');
      await sell.press('Alt+p');
      await sell.prompt.getByLabel('Unit price').waitFor();
      await expectAllNamed(page, 'price override: input prompt');
      await sell.answer('Unit price', '3.99');
      await expectAllNamed(page, 'price override: reason choice');
      await sell.choose(/Price match/);
      await page.getByRole('dialog', { name: 'Manager approval' }).waitFor();
      await expectAllNamed(page, 'manager approval');
      await sell.approveAs(DEMO_MANAGER.name, DEMO_MANAGER.pin);

      await sell.openPayment();
      await expectAllNamed(page, 'payment');
      await page.keyboard.press('Escape');

      for (const screen of screens) {
        await page
          .getByRole('navigation', { name: 'Screens' })
          .getByRole('button', { name: new RegExp(`^${screen.title}\\b`) })
          .click();
        await expect
          .poll(() =>
            page.getByRole('navigation', { name: 'Screens' }).locator('[aria-current="page"]').textContent(),
          )
          .toContain(screen.title);
        await expectAllNamed(page, `${screen.title} screen`);
      }
      expect(sell.consoleErrors).toEqual([]);
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
