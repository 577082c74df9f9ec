// A price change made in the HQ console, published to the `catalog` database, reaches a simulated
// terminal that replicates the catalog live with its own enrolled credential (PouchDB, as in the field).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderDoc } from '../src/testing/fixtures';
import { memoryDb, remoteDb } from '../src/testing/pouch';
import { chromiumUnavailable, launchFreshChromium, type FreshBrowser } from './chromium';
import {
  eventually,
  PEOPLE,
  screenshotPath,
  startConsoleServer,
  STORE_A,
  STORE_B,
  type ConsoleServer,
  type Credential,
  until,
} from './console-fixture';
import { ConsoleApp } from './pages/console-app';

const skip = chromiumUnavailable();
if (skip) console.log(`HQ console e2e skipped: ${skip}`);

interface PriceDoc {
  unitPrice: { amount: number; currency: string };
}

describe.skipIf(skip !== undefined)(
  'HQ console: catalog publish, CSV and customers',
  { timeout: 120_000 },
  () => {
    let server: ConsoleServer;
    let browser: FreshBrowser;
    let page: Page;
    let app: ConsoleApp;
    let terminal: Credential;
    const local = memoryDb<PriceDoc>();
    let replication: PouchDB.Replication.Replication<PriceDoc> | undefined;

    beforeAll(async () => {
      server = await startConsoleServer();
      terminal = await server.enrollTerminal(STORE_A, 's001-t01');
      replication = local.replicate.from(remoteDb<PriceDoc>(`${server.url}/catalog`, terminal), {
        live: true,
        retry: true,
      });
      await eventually('the terminal holding the catalog', () =>
        local.get('price:base:SKU-000010').then((d) => d),
      );
      browser = await launchFreshChromium();
      page = await browser.context.newPage();
      page.setDefaultTimeout(15_000);
      app = new ConsoleApp(page, server.url);
    }, 120_000);

    afterAll(async () => {
      replication?.cancel();
      await local.destroy();
      await browser?.close();
      await server?.close();
    }, 120_000);

    it('publishes a new price that the replicating terminal holds within seconds', async () => {
      const before = await local.get('price:base:SKU-000010');
      await app.signIn(PEOPLE.hq, 'catalog');
      await page.getByLabel('Product id starts with').fill('P000010');
      await page.getByRole('button', { name: 'Find products' }).click();
      const row = page.locator('tr[data-sku="SKU-000010"]');
      await row.waitFor();
      // A price that is not money is refused before anything is staged.
      await page.getByLabel('New price for SKU-000010 in Base prices').fill('twelve');
      await page.getByRole('button', { name: 'Stage price for SKU-000010' }).click();
      await row.getByRole('alert').waitFor();
      const newAmount = before.unitPrice.amount === 1234 ? 1299 : 1234;
      await page.getByLabel('New price for SKU-000010 in Base prices').fill((newAmount / 100).toFixed(2));
      await page.getByRole('button', { name: 'Stage price for SKU-000010' }).click();
      await until(() => row.innerText()).toContain('(unpublished)');
      // Nothing reached the terminal yet: staging is local to the console.
      expect((await local.get('price:base:SKU-000010')).unitPrice.amount).toBe(before.unitPrice.amount);

      const published = Date.now();
      await page.getByRole('button', { name: 'Publish 1 change' }).click();
      await until(() => page.getByRole('region', { name: 'Changes to publish' }).innerText()).toContain(
        'Published 1 of 1',
      );
      const seen = await eventually(
        'the new price at the terminal',
        async () => {
          const doc = await local.get('price:base:SKU-000010');
          return doc.unitPrice.amount === newAmount ? doc : undefined;
        },
        15_000,
      );
      console.log(`price published → at the terminal after ${Date.now() - published} ms (not asserted)`);
      expect(seen.unitPrice).toEqual({ amount: newAmount, currency: 'EUR' });
      await until(() => row.innerText()).not.toContain('(unpublished)');
      await page.screenshot({ path: screenshotPath('catalog'), fullPage: true });
      console.log(`HQ console screenshot (catalog): ${screenshotPath('catalog')}`);
    });

    it('shows the server refusal of a bad document and keeps it staged', async () => {
      await app.open('catalog');
      await page.getByRole('tab', { name: 'Promotions' }).click();
      await page.getByLabel('Promotion id').fill('bad promo id');
      await page.getByLabel('Name', { exact: true }).fill('Broken');
      await page.getByLabel('Percent off').fill('10');
      await page.getByRole('button', { name: 'Stage new promotion' }).click();
      await page.getByRole('button', { name: 'Publish 1 change' }).click();
      const region = page.getByRole('region', { name: 'Changes to publish' });
      await until(() => region.innerText()).toContain('Published 0 of 1');
      expect(await region.innerText()).toContain('promotion:bad promo id');
      // The terminal's catalog never got it.
      await expect(local.get('promotion:bad promo id')).rejects.toMatchObject({ status: 404 });
    });

    it('creates a product with its price and barcode and a promotion, edits the promotion, and the terminal holds each', async () => {
      const held = (id: string) => local.get(id).then((d) => d as unknown as Record<string, unknown>);
      await app.open('catalog');
      const product = page.getByRole('region', { name: 'New product' });
      await product.getByLabel('Product id').fill('P-E2E-OAT');
      await product.getByLabel('Name', { exact: true }).fill('Oat drink 1 l');
      await product.getByLabel('SKU', { exact: true }).fill('SKU-E2E-OAT');
      await product.getByLabel('Barcode (EAN/UPC)').fill('4006381333931');
      await product.getByLabel(/^Price/).fill('2.49');
      await product.getByRole('button', { name: 'Stage new product' }).click();
      await until(() => product.getByRole('status').innerText()).toContain('Staged P-E2E-OAT');

      await page.getByRole('tab', { name: 'Promotions' }).click();
      const promo = page.getByRole('region', { name: 'New promotion' });
      await promo.getByLabel('Promotion id').fill('e2e-oat-10');
      await promo.getByLabel('Name', { exact: true }).fill('Oat drink 10 off');
      await promo.getByLabel('Percent off').fill('10');
      await promo.getByLabel('Target SKUs (comma separated)').fill('SKU-E2E-OAT');
      await promo.getByRole('button', { name: 'Stage new promotion' }).click();
      // Product, barcode, price and promotion: four documents in one publish.
      await page.getByRole('button', { name: 'Publish 4 changes' }).click();
      const region = page.getByRole('region', { name: 'Changes to publish' });
      await until(() => region.innerText()).toContain('Published 4 of 4');
      const price = await eventually('the new product at the terminal', () =>
        held('price:base:SKU-E2E-OAT').catch(() => undefined),
      );
      expect(price.unitPrice).toEqual({ amount: 249, currency: 'EUR' });
      expect(await held('product:P-E2E-OAT')).toMatchObject({
        name: 'Oat drink 1 l',
        variants: [{ sku: 'SKU-E2E-OAT', barcodes: ['4006381333931'] }],
      });
      expect(await held('barcode:4006381333931')).toMatchObject({ sku: 'SKU-E2E-OAT' });
      expect(await held('promotion:e2e-oat-10')).toMatchObject({ status: 'draft', percent: '10' });

      // Edit: the draft goes active, and the terminal gets the new revision.
      await page.getByRole('tab', { name: 'Promotions' }).click();
      await page.getByLabel('Status of Oat drink 10 off').selectOption('active');
      await page.getByRole('button', { name: 'Publish 1 change' }).click();
      await until(() => region.innerText()).toContain('Published 1 of 1');
      await eventually('the promotion active at the terminal', () =>
        held('promotion:e2e-oat-10').then((d) => (d.status === 'active' ? d : undefined)),
      );
    });

    it('a terminal may read the catalog but never write it', async () => {
      const res = await server.t.call('/catalog/price:base:SKU-000010', { as: terminal });
      const doc = (await res.json()) as Record<string, unknown>;
      const put = await server.t.call('/catalog/price:base:SKU-000010', {
        as: terminal,
        method: 'PUT',
        json: { ...doc, unitPrice: { amount: 1, currency: 'EUR' } },
      });
      expect(put.status).toBe(403);
    });

    it('exports prices as CSV and imports a CSV that the terminal then holds; a bad file changes nothing', async () => {
      await app.signIn(PEOPLE.hq, 'catalog');
      await page.getByRole('tab', { name: 'CSV import and export' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export prices CSV' }).click(),
      ]);
      const exported = await readFile(await download.path(), 'utf8');
      const before = await local.get('price:base:SKU-000011');
      expect(exported).toMatch(
        new RegExp(`^base,SKU-000011,${(before.unitPrice.amount / 100).toFixed(2)},EUR$`, 'm'),
      );

      const file = page.getByLabel('CSV file');
      await file.setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'priceListId,sku,unitPrice,currency\nbase,SKU-000011,7.77,EUR\nbase,SKU-000012,lots,EUR\n',
        ),
      });
      await page.getByRole('button', { name: 'Import and publish' }).click();
      await until(() => page.getByRole('alert').first().innerText()).toMatch(/row|unitPrice|lots/i);
      expect((await local.get('price:base:SKU-000011')).unitPrice.amount).toBe(before.unitPrice.amount);

      await file.setInputFiles({
        name: 'prices.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('priceListId,sku,unitPrice,currency\nbase,SKU-000011,7.77,EUR\n'),
      });
      await page.getByRole('button', { name: 'Import and publish' }).click();
      await until(() => page.getByRole('status').first().innerText()).toMatch(/Imported and published 1/);
      await eventually('the imported price at the terminal', async () =>
        (await local.get('price:base:SKU-000011')).unitPrice.amount === 777 ? true : undefined,
      );
      // Promotions travel the same way (the one created above among them), their rules as one JSON column.
      const [promoDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export promotions CSV' }).click(),
      ]);
      const promos = await readFile(await promoDownload.path(), 'utf8');
      expect(promos).toMatch(/^e2e-oat-10,Oat drink 10 off,EUR,percent-off,active,,,/m);
      await page.getByLabel('File contains').selectOption('promotions');
      await file.setInputFiles({
        name: 'promotions.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(promos.replace(/^(e2e-oat-10,[^\n]*?),active,/m, '$1,ended,')),
      });
      await page.getByRole('button', { name: 'Import and publish' }).click();
      await eventually('the promotion ended at the terminal by the CSV', async () =>
        ((await local.get('promotion:e2e-oat-10')) as unknown as { status: string }).status === 'ended'
          ? true
          : undefined,
      );
    });

    it('finds customers, shows their history and merges a duplicate across stores', async () => {
      const now = new Date().toISOString();
      const customer = (id: string, storeId: string, extra: Record<string, unknown>) => ({
        _id: `customer:${id}`,
        id: `customer:${id}`,
        type: 'customer',
        schemaVersion: 1,
        storeId,
        givenName: 'Ada',
        familyName: 'Lovelace',
        createdAt: now,
        updatedAt: now,
        ...extra,
      });
      await server.call(`/store-${STORE_A}/_bulk_docs`, {
        as: PEOPLE.hq,
        json: { docs: [customer('c-ada-1', STORE_A, { email: 'ada@example.org' })] },
      });
      await server.call(`/store-${STORE_B}/_bulk_docs`, {
        as: PEOPLE.hq,
        json: { docs: [customer('c-ada-2', STORE_B, { email: 'ADA@example.org', phone: '+49 30 1234567' })] },
      });
      await eventually('both customers at HQ', async () => {
        const r = await server.call<{ rows: unknown[] }>('/_hq/api/customers?q=lovelace', { as: PEOPLE.hq });
        return r.rows.length === 2 ? r : undefined;
      });

      await app.signIn(PEOPLE.hq, 'customers');
      await page.getByLabel('Name, email or phone').fill('Lovelace');
      await page.getByRole('button', { name: 'Search' }).click();
      const found = app.table('Customers found');
      await until(() => found.locator('tbody tr').count()).toBe(2);
      await found.getByRole('button', { name: 'History of Ada Lovelace' }).first().click();
      await page
        .getByRole('region', { name: 'Customer history' })
        .getByRole('heading', { name: 'Ada Lovelace' })
        .waitFor();

      const dupes = page.getByRole('region', { name: 'Possible duplicates' });
      const group = dupes.getByRole('group').filter({ hasText: 'ada@example.org' });
      await group.getByRole('radio', { name: /customer:c-ada-1/ }).check();
      await group.getByRole('button', { name: 'Merge into the kept customer' }).click();
      await until(() => dupes.getByRole('status').innerText()).toContain('Merged 1 into customer:c-ada-1');
      const merged = await server.call<{ customer: { email?: string; phone?: string }; aliases: string[] }>(
        '/_hq/api/customers/customer:c-ada-1',
        { as: PEOPLE.hq },
      );
      expect(merged.aliases).toContain('customer:c-ada-2');
      // The survivor took the duplicate's phone, in its own store's database too.
      const survivor = await server.call<{ phone?: string; email?: string }>(
        `/store-${STORE_A}/customer:c-ada-1`,
      );
      expect(survivor).toMatchObject({ phone: '+49 30 1234567', email: 'ada@example.org' });
      // The duplicate is gone from Hamburg's database (a tombstone the store's terminals replicate).
      const gone = await server.t.call(`/store-${STORE_B}/customer:c-ada-2`);
      expect(gone.status).toBe(404);
    });

    it('shows the webhook delivery log of the integration API', async () => {
      // A receiver that answers the first attempt 503 and the retry 204.
      let calls = 0;
      const receiver = createServer((req, res) => {
        calls += 1;
        req.resume();
        res.writeHead(calls === 1 ? 503 : 204).end();
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      try {
        const address = receiver.address();
        const hookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
        await server.call('/_api/webhooks', {
          as: PEOPLE.hq,
          json: { url: hookUrl, events: ['order.created'] },
        });
        await server.call(`/store-${STORE_A}/_bulk_docs`, {
          as: terminal,
          json: { docs: [orderDoc(STORE_A, terminal.name)] },
        });
        await app.signIn(PEOPLE.hq, 'webhooks');
        const log = app.table(`Deliveries to ${hookUrl}`);
        await expect
          .poll(
            async () => {
              await page.getByRole('button', { name: 'Refresh' }).click();
              return log
                .locator('tbody tr')
                .first()
                .innerText()
                .catch(() => '');
            },
            { timeout: 30_000, interval: 500 },
          )
          .toMatch(/order\.created\s+delivered/);
        expect(await log.locator('tbody tr').first().getByRole('cell').nth(1).innerText()).toBe('2');
      } finally {
        await new Promise<void>((r) => receiver.close(() => r()));
      }
    });
  },
);
