import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../src/renderer/sale/sale-fixtures';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { chromiumUnavailable } from './chromium';
import { seedCatalog, startSyncServerProcess, startTerminalStack, STORE_ID } from './fixtures';
import { startOpsDevices, type OpsDevices } from './pages/ops-devices';
import { OpsPickupPage } from './pages/ops-pickup-page';
import { postWebOrder, receiveStock, webOrderStatus } from './pages/ops-server';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`ops-pickup.e2e: skipped, ${unavailable}`);

const FLOOR = `${STORE_ID}-floor`;

describe.skipIf(unavailable !== undefined)('buy online, pick up in store', () => {
  let server: SyncServerProcess;
  let devices: OpsDevices;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase(`store-${STORE_ID}`);
    await seedCatalog(server, sampleCatalog(STORE_ID));
    await receiveStock(server, STORE_ID, FLOOR, { 'COF-250': 10, 'TEA-100': 10 });
    devices = await startOpsDevices();
  }, 120_000);
  afterAll(async () => {
    await devices?.close();
    await server?.stop();
  });

  it('a web order reserves stock, is picked, ready, collected with its code, then the customer buys more', async () => {
    const stack = await startTerminalStack({ server, devices: devices.devices });
    try {
      const sell = await stack.openSellPage();
      const ops = new OpsPickupPage(sell.page);
      await ops.open('F3', 'Web orders');
      const status = await postWebOrder(server, {
        externalRef: 'WEB-20001',
        fulfillment: { method: 'pickup', storeId: STORE_ID, pickupCode: 'K7PQ2M' },
      });
      expect(status).toMatchObject({ method: 'pickup', storeId: STORE_ID, state: 'new', backorders: [] });
      // Reserve: the router held 2 coffees and 1 tea at the pickup store.
      await expect
        .poll(() => server.getDocument('stock-levels', `stock-level:COF-250:${FLOOR}`), { timeout: 15_000 })
        .toMatchObject({ onHand: 10, reserved: 2 });

      // The order replicates in and the cashier is told.
      await ops.notification.waitFor({ timeout: 20_000 });
      expect(await ops.notification.textContent()).toContain('WEB-20001 (pickup)');
      // The navigation counts it too, so a cashier on any screen sees it arrive.
      const nav = sell.page.getByRole('navigation', { name: 'Screens' });
      expect(await nav.getByLabel('1 new web order').textContent()).toBe('1');
      await ops.button('Acknowledge').click();
      await nav.getByLabel('1 new web order').waitFor({ state: 'detached', timeout: 15_000 });
      await ops.button('Start picking WEB-20001').click();
      await ops.said(/Picking WEB-20001/);
      await ops.button('Mark WEB-20001 ready').click();
      await ops.said(/WEB-20001 is ready for pickup/);
      await expect.poll(() => ops.section('Ready').textContent()).toContain('WEB-20001');
      // A wrong code is refused and nothing is handed over.
      await ops.button('Hand over WEB-20001').click();
      await ops.page.getByLabel('Pickup code').fill('ZZZZ99');
      await ops.button('Confirm hand-over').click();
      await ops.page.getByRole('alert').filter({ hasText: 'code does not match' }).waitFor();
      await ops.button('Not now').click();
      expect(await ops.handOverWithCode('WEB-20001', 'k7pq-2m')).toContain('Order WEB-20001 collected');

      // The state reaches the server and the web shop sees it through the API; the goods left the store.
      await expect
        .poll(async () => (await webOrderStatus(server, status.orderId)).state, {
          timeout: 20_000,
          interval: 250,
        })
        .toBe('collected');
      const fulfillment = await server.getDocument(`store-${STORE_ID}`, `fulfillment:${status.orderId}`);
      expect((fulfillment?.['history'] as { state: string }[]).map((s) => s.state)).toEqual([
        'new',
        'picking',
        'ready',
        'collected',
      ]);
      await expect
        .poll(() => server.getDocument('stock-levels', `stock-level:COF-250:${FLOOR}`), { timeout: 15_000 })
        .toMatchObject({ onHand: 8, reserved: 0 });

      // Upsell: the same visit continues on the sell screen as a normal sale.
      await ops.button(/Sell more to this customer/).click();
      await sell.scanInput.waitFor();
      await sell.scan('4006381333948');
      await expect.poll(() => sell.lines.count(), { timeout: 15_000 }).toBe(1);
      await sell.payCashExact();
      expect(await sell.message.textContent()).toContain('Sale complete');
      expect(sell.consoleErrors).toEqual([]);
    } finally {
      await stack.stop();
    }
  }, 150_000);
});
