// The follower against a CouchDB-compatible cluster over HTTP (pouchdb-server standing in for Apache
// CouchDB, as in couchdb/couch-mode.test.ts): the same figures as the embedded mode, idempotent across a
// reopen of HQ's own SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CouchClient } from '../couchdb/couch-client';
import { startPouchServer, type PouchServerPeer } from '../testing/pouchdb-server-peer';
import { tempDataDir } from '../testing/test-server';
import { CouchHqSource } from './couch-hq-source';
import { FiguresFollower } from './figures-follower';
import { openFiguresFile } from './figures-file';
import { closeDoc, couchDocs, returnDoc, saleDoc, shiftDoc } from './hq-fixtures';
import { closes } from './close-queries';
import { salesSummary } from './sales-queries';

let couch: PouchServerPeer;
beforeAll(async () => {
  couch = await startPouchServer({ inMemory: true });
}, 30_000);
afterAll(async () => {
  await couch.stop();
});

const DAY = '2026-11-23';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;

describe('HQ follower on a CouchDB cluster', () => {
  it('computes the figures from the store databases over HTTP, matching the Z report', async () => {
    const client = new CouchClient(couch.url);
    await client.createDb('store-s001');
    const shift = shiftDoc({ storeId: 's001', terminalId: 's001-t01', at: at('08:00') });
    const place = (hhmm: string) => ({
      storeId: 's001',
      terminalId: 's001-t01',
      at: at(hhmm),
      shiftId: shift.id,
    });
    const first = saleDoc(place('09:00'));
    const orders = [first, saleDoc(place('10:00')), returnDoc(place('11:00'), first)];
    const close = closeDoc(shift, orders, at('18:00'));
    await client.request('POST', '/store-s001/_bulk_docs', { docs: couchDocs([shift, ...orders, close]) });

    const dir = tempDataDir('hq-couch-');
    let file = openFiguresFile(dir);
    const follow = async () => {
      const follower = new FiguresFollower(new CouchHqSource(client), file.figures, (e) => {
        throw e;
      });
      await follower.catchUp();
      return follower.applied;
    };
    expect(await follow()).toBe(5);
    const range = { from: DAY, to: DAY };
    const rows = () => salesSummary(file.figures.db, { all: true }, range, 'store');
    expect(rows()).toMatchObject([{ key: 's001', orders: 3, net: close.zTotals.net.amount }]);
    expect(closes(file.figures.db, { all: true }, range).days[0]?.matches).toBe(true);

    // Reopened with its checkpoint: only the new sale is read; forced from zero: nothing doubles.
    file.close();
    file = openFiguresFile(dir);
    await client.request('POST', '/store-s001/_bulk_docs', { docs: couchDocs([saleDoc(place('12:00'))]) });
    expect(await follow()).toBe(1);
    file.figures.db.prepare('DELETE FROM hq_cursor').run();
    expect(await follow()).toBe(6);
    expect(rows()).toMatchObject([{ key: 's001', orders: 4, net: close.zTotals.net.amount + 1050 }]);
    file.close();
  });
});
