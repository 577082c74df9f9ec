// The demo store `npm start` seeds (scripts/store/seed-demo-store.ts) against the real sync-server: a
// catalog of products with barcodes, prices, tax rates and promotions, both stores, the demo staff with
// slow-hashed PINs, and a terminal whose one-time code enrolls it. A second run changes nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoStore, type SeedOptions } from '../../../scripts/store/seed-demo-store';
import { DEMO_STAFF } from '../src/host/session/demo-staff';
import { enrollTerminal } from '../src/host/session/terminal-credential';
import {
  startSyncServerProcess,
  syncServerUnavailable,
  type SyncServerProcess,
} from '../test/sync-server-process';

const unavailable = syncServerUnavailable();
if (unavailable) console.log(`seed-demo-store.test: skipped, ${unavailable}`);

const PRODUCTS = 300;

interface Row {
  readonly id: string;
  readonly doc?: Record<string, unknown>;
}

describe.skipIf(unavailable !== undefined)('the demo store seed (npm start)', () => {
  let server: SyncServerProcess;
  let options: SeedOptions;
  let scratch: string;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    scratch = await mkdtemp(join(tmpdir(), 'seed-demo-'));
    const [adminUser = '', adminPassword = ''] = Buffer.from(
      server.adminAuthorization.replace(/^Basic /, ''),
      'base64',
    )
      .toString('utf8')
      .split(':');
    options = { serverUrl: server.url, adminUser, adminPassword, products: PRODUCTS, terminalId: 's001-t01' };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function allDocs(database: string): Promise<Row[]> {
    const response = await fetch(`${server.url}/${database}/_all_docs?include_docs=true`, {
      headers: { authorization: server.adminAuthorization },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { rows: Row[] }).rows;
  }

  it('seeds a sellable catalog, the staff and an enrollable terminal; a second run changes nothing', async () => {
    const progress: number[] = [];
    const seeded = await seedDemoStore({ ...options, onProgress: (done) => progress.push(done) });
    expect(seeded.storeId).toBe('s001');
    expect(progress.at(-1)).toBe(seeded.catalogDocs);

    const catalog = (await allDocs('catalog')).filter((r) => !r.id.startsWith('_design/'));
    expect(catalog).toHaveLength(seeded.catalogDocs);
    const ofType = (type: string) => catalog.filter((r) => r.doc?.['type'] === type);
    expect(ofType('product')).toHaveLength(PRODUCTS);
    expect(ofType('barcode').length).toBeGreaterThanOrEqual(PRODUCTS);
    expect(ofType('price').length).toBeGreaterThanOrEqual(PRODUCTS);
    expect(ofType('tax-rate').length).toBeGreaterThanOrEqual(2);
    expect(ofType('promotion').length).toBeGreaterThan(0);
    expect(ofType('store').map((r) => r.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('s001')]),
    );

    // The demo staff, with PINs only as slow hashes.
    const staff = (await allDocs('store-s001')).filter((r) => r.id.startsWith('staff:'));
    expect(staff.map((r) => r.doc?.['name']).sort()).toEqual(DEMO_STAFF.map((m) => m.name).sort());
    for (const row of staff) {
      const text = JSON.stringify(row.doc);
      const member = DEMO_STAFF.find((m) => m.name === row.doc?.['name']);
      expect(text).not.toContain(`"${member?.pin}"`);
      expect(text).toMatch(/pbkdf2/i);
    }

    // The one-time code enrolls the terminal, once.
    expect(seeded.enrollmentCode).toEqual(expect.any(String));
    const credential = await enrollTerminal({
      serverUrl: server.url,
      code: seeded.enrollmentCode ?? '',
      path: join(scratch, 'credential.json'),
      now: new Date(),
    });
    expect(credential.terminalId).toBe('s001-t01');

    const again = await seedDemoStore(options);
    expect(again.enrollmentCode).toBeUndefined();
    expect((await allDocs('catalog')).filter((r) => !r.id.startsWith('_design/'))).toHaveLength(
      seeded.catalogDocs,
    );
    expect((await allDocs('store-s001')).filter((r) => r.id.startsWith('staff:'))).toHaveLength(
      DEMO_STAFF.length,
    );
  }, 120_000);
});
