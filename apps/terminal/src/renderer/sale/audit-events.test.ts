import { createIdFactory, fixedClock } from '@store-os/shared';
import { validateDocument } from '@store-os/shared/schemas';
import { describe, expect, it } from 'vitest';
import { auditEvent } from './audit-events';

const newId = createIdFactory({
  originId: 's001-t01',
  clock: fixedClock(1),
  random: (n) => new Uint8Array(n),
});

describe('auditEvent', () => {
  it('writes voids and no-sale opens the server accepts, with who approved them', () => {
    const noSale = auditEvent({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      kind: 'no-sale',
      at: new Date('2026-11-23T15:00:00.000Z'),
      userId: 'c-1',
      approvedBy: 'm-1',
      details: { reason: 'no-sale' },
    });
    expect(noSale).toMatchObject({
      kind: 'no-sale',
      approvedBy: 'm-1',
      createdAt: '2026-11-23T15:00:00.000Z',
    });
    expect(validateDocument(noSale)).toMatchObject({ ok: true, type: 'audit-event' });
    const lineVoid = auditEvent({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      kind: 'line-void',
      at: new Date('2026-11-23T15:01:00.000Z'),
      ref: { kind: 'cart', id: 's001-t01-01JD5ZB000AAAAAAAAAAAAAAAA', lineId: 'l2' },
      details: { sku: 'COF-250', reason: 'scanned-in-error' },
    });
    expect(validateDocument(lineVoid).ok).toBe(true);
    expect(lineVoid.id).not.toBe(noSale.id);
  });
});
