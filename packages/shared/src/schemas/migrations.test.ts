import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { allDocumentTypes, documentTypes } from './document-types';
import { documentExamples } from './document-examples';
import { migrateDocument, migrations } from './migrations';
import { validateDocument } from './validate-document';

const productV1 = {
  _id: 'product:P200',
  type: 'product',
  schemaVersion: 1,
  productId: 'P200',
  name: 'Mug',
  taxCategory: 'standard',
  unit: 'each',
  status: 'active',
  sku: 'P200',
  barcodes: ['5012345678900'],
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('migrateDocument', () => {
  it('takes a v1 customer to v2 unchanged (preferences not asked); v2 preferences are checked', () => {
    const customerV2 = documentExamples.customer as Record<string, unknown>;
    const customerV1 = { ...customerV2, schemaVersion: 1 };
    expect(migrateDocument(customerV1)).toEqual({ ...customerV1, schemaVersion: 2 });
    expect(validateDocument(customerV1)).toMatchObject({ ok: true, document: { schemaVersion: 2 } });
    const preferences = {
      contactChannel: 'sms',
      marketingByChannel: { email: true, sms: false },
      language: 'fr',
    };
    expect(validateDocument({ ...customerV2, preferences })).toMatchObject({
      ok: true,
      document: { preferences },
    });
    for (const bad of [
      { contactChannel: 'pigeon' },
      { marketingByChannel: { fax: true } },
      { marketingByChannel: { email: 'yes' } },
      { language: 'French' },
    ])
      expect(validateDocument({ ...customerV2, preferences: bad })).toMatchObject({ ok: false });
  });

  it('takes a v1 fulfillment to v2 unchanged; a v2 ship order may carry its delivery address', () => {
    const fulfillmentV2 = documentExamples.fulfillment as Record<string, unknown>;
    const fulfillmentV1 = { ...fulfillmentV2, schemaVersion: 1 };
    expect(migrateDocument(fulfillmentV1)).toEqual({ ...fulfillmentV1, schemaVersion: 2 });
    expect(validateDocument(fulfillmentV1)).toMatchObject({ ok: true, document: { schemaVersion: 2 } });
    expect(validateDocument({ ...fulfillmentV2, shipTo: '12 Rue de la Paix, Paris' })).toMatchObject({
      ok: true,
    });
    expect(validateDocument({ ...fulfillmentV2, shipTo: '' })).toMatchObject({ ok: false });
  });

  it('takes a v1 audit event to v2 unchanged; a v2 pickup hand-over says what was checked, never a number', () => {
    const auditV1 = { ...(documentExamples['audit-event'] as Record<string, unknown>), schemaVersion: 1 };
    expect(migrateDocument(auditV1)).toEqual({ ...auditV1, schemaVersion: 2 });
    expect(validateDocument(auditV1)).toMatchObject({ ok: true, document: { schemaVersion: 2 } });
    const handover = {
      ...auditV1,
      schemaVersion: 2,
      kind: 'pickup-handover',
      details: {
        fulfillmentId: 'fulfillment:o1',
        checked: 'passport',
        customerId: 'customer:c-77',
        reason: 'phone battery dead',
        managerReview: true,
      },
    };
    expect(validateDocument(handover)).toMatchObject({ ok: true });
    const withNumber = validateDocument({
      ...handover,
      details: { ...handover.details, documentNumber: '12AB34567' },
    });
    expect(withNumber.ok).toBe(false);
    if (!withNumber.ok) expect(withNumber.reason).toMatch(/documentNumber.*never a document number/);
    expect(
      validateDocument({ ...handover, details: { ...handover.details, checked: 'library card' } }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('gives a v1 store no groups (v2), and validateDocument accepts it as such', () => {
    const { groups: _groups, ...storeV2 } = documentExamples.store as Record<string, unknown>;
    const storeV1 = { ...storeV2, schemaVersion: 1 };
    expect(migrateDocument(storeV1)).toEqual({ ...storeV1, schemaVersion: 2, groups: [] });
    const result = validateDocument(storeV1);
    expect(result).toMatchObject({ ok: true, type: 'store', document: { schemaVersion: 2, groups: [] } });
    // A v2 store must say its groups (none is []), and a group name is a plain code.
    const missing = validateDocument(storeV2);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/groups/);
    expect(validateDocument({ ...storeV2, groups: ['a b'] })).toMatchObject({ ok: false });
  });

  it('moves a v1 single-sku product into a v2 variant, keeping sku, barcodes and tax category', () => {
    const migrated = migrateDocument(productV1);
    expect(migrated['schemaVersion']).toBe(2);
    expect(migrated['taxCategoryId']).toBe('standard');
    expect(migrated['groupIds']).toEqual([]);
    expect(migrated).not.toHaveProperty('taxCategory');
    expect(migrated['variants']).toEqual([{ sku: 'P200', barcodes: ['5012345678900'] }]);
    expect(migrated).not.toHaveProperty('sku');
    expect(migrated).not.toHaveProperty('barcodes');
    expect(migrated['name']).toBe('Mug');
  });

  it('lets validateDocument accept a v1 product, answering the migrated document', () => {
    const result = validateDocument(productV1);
    expect(result).toMatchObject({ ok: true, type: 'product' });
    if (result.ok && result.deleted !== true) expect(result.document['schemaVersion']).toBe(2);
  });

  it('leaves a current document unchanged', () => {
    const doc = { type: 'movement', schemaVersion: 1, id: 'x' };
    expect(migrateDocument(doc)).toBe(doc);
  });

  it('refuses unknown types and versions it cannot reach', () => {
    expect(() => migrateDocument({ type: 'invoice', schemaVersion: 1 })).toThrow(/unknown type/);
    try {
      migrateDocument({ type: 'order', schemaVersion: 3 });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'migration.newer-version')).toBe(true);
    }
    expect(() => migrateDocument({ type: 'order', schemaVersion: 0 })).toThrow(/positive integer/);
  });

  it('has a migration for every step below each type’s current version', () => {
    for (const type of allDocumentTypes) {
      for (let v = 1; v < documentTypes[type].schemaVersion; v += 1) {
        expect(migrations[type]?.[v], `${type} v${v}→v${v + 1}`).toBeTypeOf('function');
      }
    }
  });
});
