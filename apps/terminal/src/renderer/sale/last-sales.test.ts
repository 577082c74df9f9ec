import { exampleOrder } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvelopeDocument, TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase } from './counter-fixture';
import { lastSales, reprintJobId } from './last-sales';

let db: TerminalDatabase;
beforeEach(async () => {
  db = await openCheckoutDatabase();
});
afterEach(() => db.remove());

describe('lastSales', () => {
  it('lists this terminal’s orders newest first, not other terminals’', async () => {
    const order = (id: string, createdAt: string, terminalId = 's001-t01') =>
      ({ ...exampleOrder, id, createdAt, terminalId }) as unknown as EnvelopeDocument;
    await db.store.bulkInsert([
      order('s001-t01-01JD5ZB000AAAAAAAAAAAAAAA1', '2026-11-23T10:00:00.000Z'),
      order('s001-t01-01JD5ZB000AAAAAAAAAAAAAAA2', '2026-11-23T12:00:00.000Z'),
      order('s001-t02-01JD5ZB000AAAAAAAAAAAAAAA3', '2026-11-23T13:00:00.000Z', 's001-t02'),
    ]);
    expect((await lastSales(db, 's001-t01')).map((o) => o.id.slice(-1))).toEqual(['2', '1']);
    expect(reprintJobId('o', 2)).toBe('o-c2');
  });
});
