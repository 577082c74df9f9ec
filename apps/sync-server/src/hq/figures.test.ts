// HQ's sales figures after a scripted day at two terminals: consistent with the Z reports written by the
// shared close functions, incremental, idempotent (a replay or a lost checkpoint adds nothing) and
// correct after a restart.
import { afterAll, describe, expect, it } from 'vitest';
import { documentExamples, reportTotals, type OrderDoc } from '@store-os/shared';
import { tempDataDir } from '../testing/test-server';
import { closeDoc, returnDoc, saleDoc, shiftDoc } from './hq-fixtures';
import { startHqTestServer, type HqTestServer } from './hq-test-server';
import type { SalesRow, TenderRow } from './sales-queries';

const servers: HqTestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.t.close().catch(() => undefined);
});

const DAY = '2026-11-23';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;

/** One day at store s001: two shifts with sales and a return, a web order, both shifts closed. */
function scriptedDay() {
  const shiftA = shiftDoc({ storeId: 's001', terminalId: 's001-t01', at: at('08:00') });
  const shiftB = shiftDoc({ storeId: 's001', terminalId: 's001-t02', at: at('08:05') });
  const a = (hhmm: string) => ({ storeId: 's001', terminalId: 's001-t01', at: at(hhmm), shiftId: shiftA.id });
  const b = (hhmm: string) => ({ storeId: 's001', terminalId: 's001-t02', at: at(hhmm), shiftId: shiftB.id });
  const first = saleDoc(a('09:30'));
  const ordersA: OrderDoc[] = [first, saleDoc(a('10:15')), saleDoc(a('14:05')), returnDoc(a('15:00'), first)];
  const ordersB: OrderDoc[] = [saleDoc(b('11:00')), saleDoc(b('16:30'))];
  const web = saleDoc({ storeId: 's001', terminalId: 'web', at: at('12:00') }, { channel: 'web' });
  const closeA = closeDoc(shiftA, ordersA, at('18:00'), { approvedBy: 'm1' });
  const closeB = closeDoc(shiftB, ordersB, at('18:05'), { cashShort: 200 });
  return { shiftA, shiftB, ordersA, ordersB, web, closeA, closeB };
}

interface ClosesAnswer {
  rows: { id: string; signedOff: boolean; cashVariance: number; net: number }[];
  days: {
    storeId: string;
    zNet: number;
    figuresNet: number;
    zTransactions: number;
    figuresTransactions: number;
    matches: boolean;
  }[];
}

describe('HQ sales figures', () => {
  it('match the Z reports of the day, per channel, hour and tender', async () => {
    const s = await startHqTestServer(['s001', 's002']);
    servers.push(s);
    const d = scriptedDay();
    // Written in two rounds: the follower picks up each incrementally.
    await s.write('s001', [d.shiftA, d.shiftB, ...d.ordersA.slice(0, 2)]);
    await s.write('s001', [...d.ordersA.slice(2), ...d.ordersB, d.web, d.closeA, d.closeB]);
    await s.write('s002', [saleDoc({ storeId: 's002', terminalId: 's002-t01', at: at('10:00') })]);

    const closes = await s.api<ClosesAnswer>(`closes?from=${DAY}&to=${DAY}&store=s001`);
    expect(closes.status).toBe(200);
    expect(closes.body.rows).toHaveLength(2);
    expect(closes.body.rows.find((r) => r.id === d.closeA.id)?.signedOff).toBe(true);
    expect(closes.body.rows.find((r) => r.id === d.closeB.id)?.cashVariance).toBe(-200);
    const zNet = d.closeA.zTotals.net.amount + d.closeB.zTotals.net.amount;
    expect(closes.body.days).toEqual([
      {
        storeId: 's001',
        businessDate: DAY,
        currency: 'EUR',
        zNet,
        zTransactions: 6,
        figuresNet: zNet,
        figuresTransactions: 6,
        matches: true,
      },
    ]);

    const byChannel = await s.api<{ rows: SalesRow[] }>(
      `sales/summary?from=${DAY}&to=${DAY}&store=s001&groupBy=channel`,
    );
    const store = byChannel.body.rows.find((r) => r.key === 'store');
    const storeOrders = [...d.ordersA, ...d.ordersB];
    const z = reportTotals(storeOrders, 'EUR');
    expect(store).toMatchObject({
      orders: z.transactionCount,
      salesCount: z.sales.count,
      returnCount: z.returns.count,
      gross: z.sales.gross.amount,
      netSales: z.sales.net.amount,
      returns: z.returns.amount.amount,
      discounts: z.discounts.amount,
      net: z.net.amount,
      units: z.unitCount,
    });
    expect(byChannel.body.rows.find((r) => r.key === 'web')).toMatchObject({
      orders: 1,
      net: d.web.totals.total.amount,
    });

    const byStore = await s.api<{ rows: SalesRow[] }>(`sales/summary?from=${DAY}&to=${DAY}`);
    expect(byStore.body.rows.map((r) => [r.key, r.orders])).toEqual([
      ['s001', 7],
      ['s002', 1],
    ]);

    const byHour = await s.api<{ rows: SalesRow[] }>(
      `sales/summary?from=${DAY}&to=${DAY}&store=s001&groupBy=hour`,
    );
    expect(byHour.body.rows.map((r) => r.key)).toEqual(['09', '10', '11', '12', '14', '15', '16']);

    const tenders = await s.api<{ rows: TenderRow[] }>(
      `sales/summary?from=${DAY}&to=${DAY}&store=s001&groupBy=tender`,
    );
    const zTenders = reportTotals([...storeOrders, d.web], 'EUR').tenders;
    expect(tenders.body.rows.map((r) => [r.key, r.count, r.amount])).toEqual(
      zTenders.map((t) => [t.type, t.count, t.amount.amount]),
    );

    // Over a range of whole months plus edge days, the month tables give the same figures.
    const wide = 'from=2026-10-15&to=2026-12-31&store=s001';
    for (const groupBy of ['channel', 'hour', 'tender'])
      expect(
        (await s.api<{ rows: unknown[] }>(`sales/summary?${wide}&groupBy=${groupBy}`)).body.rows,
      ).toEqual(
        (
          await s.api<{ rows: unknown[] }>(
            `sales/summary?from=${DAY}&to=${DAY}&store=s001&groupBy=${groupBy}`,
          )
        ).body.rows,
      );

    const kpis = await s.api<{
      byCurrency: { averageTransactionValue: number; unitsPerTransaction: string }[];
    }>(`kpis?from=${DAY}&to=${DAY}&store=s001`);
    const all = reportTotals([...storeOrders, d.web], 'EUR');
    expect(kpis.body.byCurrency[0]?.averageTransactionValue).toBe(all.averageTransactionValue.amount);
    expect(kpis.body.byCurrency[0]?.unitsPerTransaction).toBe(`${all.unitsPerTransaction}00`);
  });

  it('adds nothing on a replay or a lost checkpoint, and resumes after a restart', async () => {
    const dataDir = tempDataDir();
    let s = await startHqTestServer(['s001'], { dataDir });
    servers.push(s);
    const d = scriptedDay();
    const docs = [d.shiftA, d.shiftB, ...d.ordersA, ...d.ordersB, d.closeA, d.closeB];
    await s.write('s001', docs);
    const summary = () => s.api<{ rows: SalesRow[] }>(`sales/summary?from=${DAY}&to=${DAY}&groupBy=none`);
    const before = (await summary()).body.rows;
    expect(before[0]?.orders).toBe(6);

    // A replicator re-sending the same revisions, then a checkpoint lost: every change is re-read.
    const revs = await s.t.json<{ rows: { id: string; value: { rev: string } }[] }>('/store-s001/_all_docs');
    const withRevs = docs.map((doc) => ({
      ...doc,
      _id: doc.id,
      _rev: revs.body.rows.find((r) => r.id === doc.id)?.value.rev,
    }));
    await s.t.call('/store-s001/_bulk_docs', { method: 'POST', json: { docs: withRevs, new_edits: false } });
    await s.hq.follower.idle();
    s.hq.figures.db.prepare('DELETE FROM hq_cursor').run();
    await s.hq.follower.catchUp();
    expect((await summary()).body.rows).toEqual(before);

    await s.t.close(true);
    s = await startHqTestServer(['s001'], { dataDir, fresh: false });
    servers.push(s);
    await s.write('s001', [
      saleDoc({ storeId: 's001', terminalId: 's001-t01', at: at('17:00'), shiftId: d.shiftA.id }),
    ]);
    const after = (await summary()).body.rows[0];
    expect(after?.orders).toBe(7);
    expect(after?.net).toBe((before[0]?.net ?? 0) + 1050);
  });

  it('counts documents stored the way RxDB pushes them (`_id` only), also after a restart', async () => {
    const dataDir = tempDataDir();
    let s = await startHqTestServer(['s001'], { dataDir });
    servers.push(s);
    const sale = saleDoc({ storeId: 's001', terminalId: 's001-t01', at: at('09:00') });
    const movement = { ...(documentExamples.movement as { id: string }), createdAt: at('09:00') };
    const rxdbStyle = [sale, movement].map(({ id, ...body }) => ({ ...body, _id: id }));
    const res = await s.t.call('/store-s001/_bulk_docs', { method: 'POST', json: { docs: rxdbStyle } });
    expect(res.status).toBe(201);
    await s.hq.follower.idle();
    const summary = () => s.api<{ rows: SalesRow[] }>(`sales/summary?from=${DAY}&to=${DAY}&groupBy=none`);
    expect((await summary()).body.rows[0]?.orders).toBe(1);
    const moved = s.hq.figures.db.prepare('SELECT id FROM hq_movement').all() as { id: string }[];
    expect(moved.map((m) => m.id)).toEqual([movement.id]);

    await s.t.close(true);
    s = await startHqTestServer(['s001'], { dataDir, fresh: false });
    servers.push(s);
    expect((await summary()).body.rows[0]?.orders).toBe(1);
  });

  it('takes an order out of the figures when the admin deletes it', async () => {
    const s = await startHqTestServer(['s001']);
    servers.push(s);
    const keep = saleDoc({ storeId: 's001', terminalId: 's001-t01', at: at('09:00') });
    const drop = saleDoc(
      { storeId: 's001', terminalId: 's001-t01', at: at('10:00') },
      { customerId: 'customer:c-9' },
    );
    await s.write('s001', [keep, drop]);
    const rev = (await s.t.json<{ _rev: string }>(`/store-s001/${drop.id}`)).body._rev;
    expect((await s.t.call(`/store-s001/${drop.id}?rev=${rev}`, { method: 'DELETE' })).status).toBe(200);
    await s.hq.follower.idle();
    const res = await s.api<{ rows: SalesRow[] }>(`sales/summary?from=${DAY}&to=${DAY}&groupBy=hour`);
    // Cells emptied by the deletion are not listed.
    expect(res.body.rows.map((r) => [r.key, r.orders])).toEqual([['09', 1]]);
    const customer = s.hq.figures.db.prepare('SELECT COUNT(*) AS n FROM hq_customer_order').get() as {
      n: number;
    };
    expect(customer.n).toBe(0);
  });

  it('picks up documents written while it was stopped, at the next start', async () => {
    const dataDir = tempDataDir();
    let s = await startHqTestServer(['s001'], { dataDir });
    servers.push(s);
    await s.hq.stop();
    await s.t.call('/store-s001/_bulk_docs', {
      method: 'POST',
      json: {
        docs: [saleDoc({ storeId: 's001', terminalId: 's001-t01', at: at('09:00') })].map((o) => ({
          ...o,
          _id: o.id,
        })),
      },
    });
    await s.t.close(true);
    s = await startHqTestServer(['s001'], { dataDir, fresh: false });
    servers.push(s);
    const res = await s.api<{ rows: SalesRow[] }>(`sales/summary?from=${DAY}&to=${DAY}&groupBy=none`);
    expect(res.body.rows[0]?.orders).toBe(1);
  });
});
