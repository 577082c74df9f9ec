// The HQ console in Chromium against a real sync-server: sign-in by role, and the sales dashboard after
// a scripted day at two simulated terminals (one per store) agreeing with their Z reports.
import { storedValueEntry } from '@store-os/shared/ledgers';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumUnavailable, launchFreshChromium, type FreshBrowser } from './chromium';
import {
  eventually,
  PEOPLE,
  screenshotPath,
  startConsoleServer,
  STORE_A,
  STORE_B,
  type ConsoleServer,
  until,
} from './console-fixture';
import { ConsoleApp } from './pages/console-app';
import { scriptedDay, type TerminalDay } from './scripted-day';

const skip = chromiumUnavailable();
if (skip) console.log(`HQ console e2e skipped: ${skip}`);

describe.skipIf(skip !== undefined)('HQ console: roles and the sales dashboard', { timeout: 120_000 }, () => {
  let server: ConsoleServer;
  let browser: FreshBrowser;
  let page: Page;
  let app: ConsoleApp;
  const days: Record<string, TerminalDay> = {};
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startConsoleServer();
    const [a, b] = await Promise.all([
      server.enrollTerminal(STORE_A, 's001-t01'),
      server.enrollTerminal(STORE_B, 's002-t01'),
    ]);
    days[STORE_A] = await scriptedDay(server, a, { sales: 12, seed: 7, cashShortBy: 0, businessDate: today });
    days[STORE_B] = await scriptedDay(server, b, {
      sales: 9,
      seed: 11,
      cashShortBy: 250,
      businessDate: today,
    });
    // HQ follows the store databases through their changes feeds; wait until both closes are in.
    await eventually('HQ figures catching up with both closes', async () => {
      const c = await server.call<{ days: { storeId: string; matches: boolean }[] }>(
        `/_hq/api/closes?from=${today}&to=${today}`,
        { as: PEOPLE.hq },
      );
      return c.days.filter((d) => d.matches).length === 2 ? c : undefined;
    });
    browser = await launchFreshChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    app = new ConsoleApp(page, server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 120_000);

  it('refuses a wrong password and a terminal credential at sign-in, with the reason', async () => {
    await app.open();
    await page.getByLabel('User name').fill(PEOPLE.hq.name);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(() => page.getByRole('alert').innerText()).toMatch(
      /name or password|unauthorized|incorrect/i,
    );
    const terminal = await server.enrollTerminal(STORE_A, 's001-t09');
    await page.getByLabel('User name').fill(terminal.name);
    await page.getByLabel('Password').fill(terminal.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(() => page.getByRole('alert').innerText()).toContain('cannot use the HQ console');
  });

  it('offers each role only its pages: IT fleet and updates, a manager their store, HQ everything', async () => {
    await app.signIn(PEOPLE.it);
    expect(await app.navItems()).toEqual(['Fleet', 'Updates']);
    // A path IT may not open lands on its first page instead.
    await app.open('sales');
    await until(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Fleet');

    await app.signIn(PEOPLE.managerBerlin);
    expect(await app.navItems()).toEqual(['Sales', 'Stock', 'Closes', 'Reconciliation', 'Fleet']);

    await app.signIn(PEOPLE.hq);
    expect(await app.navItems()).toEqual([
      'Sales',
      'Stock',
      'Closes',
      'Reconciliation',
      'Catalog',
      'Customers',
      'Fleet',
      'Updates',
      'Webhooks',
    ]);
  });

  it('shows a store manager only their store, and the server refuses them the other', async () => {
    await app.signIn(PEOPLE.managerBerlin, 'sales');
    await app.table('By store').waitFor();
    expect(await app.rowKeys('By store')).toEqual([STORE_A]);
    await app.goTo('Closes');
    await app.table('Z reports').waitFor();
    expect(await app.table('Z reports').getByRole('rowheader').allInnerTexts()).toEqual([STORE_A]);
    // Even asked directly with the manager's session cookie, another store's figures are refused.
    const other = await page.request.get(
      `${server.url}/_hq/api/sales/summary?store=${STORE_B}&groupBy=store`,
    );
    expect(other.status()).toBe(403);
    const own = await page.request.get(`${server.url}/_hq/api/sales/summary?store=${STORE_A}&groupBy=store`);
    expect(own.status()).toBe(200);
    const db = await page.request.get(`${server.url}/store-${STORE_B}/_all_docs?limit=1`);
    expect([401, 403]).toContain(db.status());
  });

  it('shows the day of both terminals exactly as their Z reports: net by store, by tender, and the closes', async () => {
    await app.signIn(PEOPLE.hq, 'sales');
    await app.table('By store').waitFor();
    expect((await app.rowKeys('By store')).sort()).toEqual([STORE_A, STORE_B]);
    for (const storeId of [STORE_A, STORE_B]) {
      const z = days[storeId]!.close.zTotals;
      // Column 5 of "By store" is net (orders, sales, returns, gross, discounts, net).
      expect(await app.amountIn('By store', storeId, 5)).toBe(z.net.amount);
      expect(z.transactionCount).toBe(days[storeId]!.orders.length);
    }
    // Takings per tender across both stores = the two Z reports' tender lines added up.
    const zTenders = new Map<string, number>();
    for (const d of Object.values(days))
      for (const t of d.close.zTotals.tenders)
        zTenders.set(t.type, (zTenders.get(t.type) ?? 0) + t.amount.amount);
    expect((await app.rowKeys('By tender')).sort()).toEqual([...zTenders.keys()].sort());
    for (const [type, amount] of zTenders) expect(await app.amountIn('By tender', type, 1)).toBe(amount);
    // KPIs: the average transaction value across both stores, as the Z reports define it.
    const net = Object.values(days).reduce((s, d) => s + d.close.zTotals.sales.net.amount, 0);
    const count = Object.values(days).reduce((s, d) => s + d.close.zTotals.sales.count, 0);
    const atv = Math.round(net / count);
    const tile = page
      .getByRole('region', { name: 'Key figures' })
      .getByText('Average transaction value')
      .locator('..');
    expect(await tile.locator('dd').innerText()).toMatch(
      new RegExp((atv / 100).toFixed(2).replace('.', '[.,]')),
    );
    const charts = page.locator('figure.chart svg[role="img"]');
    expect(await charts.count()).toBe(5);
    const dashboard = screenshotPath('sales-dashboard');
    await page.screenshot({ path: dashboard, fullPage: true });
    console.log(`HQ console screenshot (sales dashboard): ${dashboard}`);

    await app.goTo('Closes');
    await app.table('Z reports against sales figures').waitFor();
    for (const storeId of [STORE_A, STORE_B]) {
      const row = app.table('Z reports against sales figures').locator(`tr[data-store="${storeId}"]`);
      expect(await row.getByRole('cell').nth(3).innerText()).toBe('Yes');
      const n = days[storeId]!.orders.length;
      expect(await row.getByRole('cell').nth(4).innerText()).toBe(`${n} / ${n}`);
      expect(Number(await row.getByRole('cell').nth(1).getAttribute('data-amount'))).toBe(
        days[storeId]!.close.zTotals.net.amount,
      );
    }
    // The Hamburg drawer was counted 2.50 short: the close shows the variance and the sign-off.
    const hamburg = app.table('Z reports').locator('tr[data-terminal="s002-t01"]');
    expect(Number(await hamburg.getByRole('cell').nth(5).getAttribute('data-amount'))).toBe(-250);
    expect(days[STORE_B]!.close.tenders.find((t) => t.tenderType === 'cash')?.variance.amount).toBe(-250);
    expect(await hamburg.getByRole('cell').nth(7).innerText()).toBe('m7');
    const closesShot = screenshotPath('closes');
    await page.screenshot({ path: closesShot, fullPage: true });
    console.log(`HQ console screenshot (closes): ${closesShot}`);
  });

  it("alerts on the negative levels the day left (nothing was received) and shows a sku's movements", async () => {
    // Units sold per sku at Berlin, and in how many orders (one movement per order line) in both stores.
    const soldA = new Map<string, number>();
    for (const o of days[STORE_A]!.orders)
      for (const l of o.lines) soldA.set(l.sku, (soldA.get(l.sku) ?? 0) + l.quantity);
    const [sku, units] = [...soldA.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const lines = Object.values(days).flatMap((d) =>
      d.orders.flatMap((o) => o.lines.filter((l) => l.sku === sku)),
    );
    await eventually('the stock roll-up reaching HQ', async () => {
      const a = await server.call<{ rows: { sku: string; onHand: number }[] }>(
        `/_hq/api/stock/levels?store=${STORE_A}&alert=negative&sku=${sku}`,
        { as: PEOPLE.hq },
      );
      return a.rows.some((r) => r.onHand === -units) ? a : undefined;
    });
    await app.signIn(PEOPLE.managerBerlin, 'stock');
    const negatives = page.getByRole('table', { name: /^Negative levels/ });
    const row = negatives
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: `Movements of ${sku}`, exact: true }) });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(2).innerText()).toBe(String(-units));
    expect(await row.getByRole('cell').last().innerText()).toBe('Negative (oversold)');
    // The manager sees only Berlin's levels.
    expect(new Set(await negatives.locator('tbody tr td:nth-of-type(1)').allInnerTexts())).toEqual(
      new Set([STORE_A]),
    );
    await row.getByRole('button', { name: `Movements of ${sku}` }).click();
    const history = page.getByRole('table', { name: `Movements of ${sku}` });
    await history.getByRole('row').nth(1).waitFor();
    const berlinLines = days[STORE_A]!.orders.filter((o) => o.lines.some((l) => l.sku === sku)).length;
    expect(lines.length).toBeGreaterThanOrEqual(berlinLines);
    expect(await history.locator('tbody tr').count()).toBe(berlinLines);
    expect(new Set(await history.locator('tbody tr td:nth-of-type(5)').allInnerTexts())).toEqual(
      new Set(['sale']),
    );
  });

  it('shows the gift card two offline tills overdrew, with both redemptions, to HQ and the store manager', async () => {
    const t02 = await server.enrollTerminal(STORE_A, 's001-t02');
    const t03 = await server.enrollTerminal(STORE_A, 's001-t03');
    let n = 0;
    const entry = (
      terminalId: string,
      entryKind: 'activate' | 'redeem',
      amount: number,
      offline: boolean,
    ) => {
      n += 1;
      return storedValueEntry({
        newId: () => `${terminalId}-01JD5Z8Q2W3E4R5T6Y7V8X9${String(n).padStart(3, '0')}`,
        storeId: STORE_A,
        terminalId,
        ledger: 'gift-card',
        accountId: 'GC-E2E-1',
        entryKind,
        amount: { amount, currency: 'EUR' },
        offline,
        createdAt: new Date(Date.now() - (10 - n) * 60_000).toISOString(),
        ref: { kind: 'order', id: `e2e-order-${n}` },
      });
    };
    // Loaded with 8.00 online; each offline till then takes 4.99 without seeing the other.
    const writes = [
      {
        till: t02,
        docs: [entry('s001-t02', 'activate', 800, false), entry('s001-t02', 'redeem', 499, true)],
      },
      { till: t03, docs: [entry('s001-t03', 'redeem', 499, true)] },
    ];
    for (const { till, docs } of writes) {
      const answer = await server.call<{ error?: string }[]>(`/store-${STORE_A}/_bulk_docs`, {
        as: till,
        json: { docs: docs.map((d) => ({ ...d, _id: d.id })) },
      });
      expect(answer.filter((a) => a.error)).toEqual([]);
    }
    for (const who of [PEOPLE.hq, PEOPLE.managerBerlin]) {
      await app.signIn(who, 'reconciliation');
      await until(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Reconciliation');
      const card = app.table('Entries of GC-E2E-1');
      await card.waitFor();
      const caption = await card.locator('caption').innerText();
      expect(caption).toMatch(/Gift card GC-E2E-1: balance .*1[.,]98/);
      expect(caption).toMatch(/overdrawn by .*1[.,]98/);
      const rows = card.locator('tbody tr');
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-terminal')))).toEqual([
        's001-t02',
        's001-t02',
        's001-t03',
      ]);
      const deltas = await card
        .locator('td[data-delta]')
        .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-delta')));
      expect(deltas).toEqual(['800', '-499', '-499']);
      expect(await page.getByRole('status', { name: 'Ledger totals' }).innerText()).toMatch(/1 overdrawn/);
    }
  });

  it('names every control on every page, and works from the keyboard alone', async () => {
    await app.signIn(PEOPLE.hq, 'sales');
    const unnamed =
      /^\s*- (button|textbox|combobox|link|searchbox|spinbutton|checkbox|radio|tab)\s*(\[[^\]]*\])?\s*(:|$)/;
    for (const title of [
      'Sales',
      'Stock',
      'Closes',
      'Reconciliation',
      'Catalog',
      'Customers',
      'Fleet',
      'Updates',
      'Webhooks',
    ]) {
      await app.goTo(title);
      await until(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(
        new RegExp(title === 'Webhooks' ? 'Webhook' : title),
      );
      await page.waitForLoadState('networkidle');
      // Chromium's own accessibility tree: a control without a name shows up as a bare role.
      const tree = await page.locator('body').ariaSnapshot();
      const bare = tree.split('\n').filter((line) => unnamed.test(line));
      expect(bare, `${title}:\n${tree}`).toEqual([]);
    }
    // Keyboard only: sign in, then move to another page.
    await page.context().clearCookies();
    await app.open();
    await page.getByLabel('User name').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(PEOPLE.hq.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PEOPLE.hq.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Console pages' }).waitFor();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Closes') break;
    }
    await page.keyboard.press('Enter');
    await until(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Closes');
  });
});
