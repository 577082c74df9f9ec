import { describe, expect, it } from 'vitest';
import { collectionSchemas } from './collection-schemas';
import { documentExamples, exampleOrder } from './document-examples';
import type { DocumentType } from './document-types';
import { allDocumentTypes, documentTypes, documentTypesIn } from './document-types';
import { validateDocument } from './validate-document';

type Doc = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);
/** Expects a rejection with `code` whose reason mentions `mention`. */
function expectRejected(doc: unknown, code: string, mention: string | RegExp) {
  const result = validateDocument(doc);
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (!result.ok) {
    expect(result.code).toBe(code);
    expect(result.reason).toMatch(mention);
  }
}
/** CouchDB form: the primary key moved into _id, with revision bookkeeping. */
function couchForm(doc: Doc): Doc {
  const { id, ...rest } = doc;
  return { _id: id, _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] }, ...rest };
}

describe('validateDocument: valid examples', () => {
  it.each(allDocumentTypes)('accepts a valid %s in its CouchDB form', (type) => {
    const result = validateDocument(couchForm(clone(documentExamples[type])));
    expect(result).toMatchObject({ ok: true, type, appendOnly: documentTypes[type].appendOnly });
    if (documentTypes[type].storeScoped) expect(result).toMatchObject({ storeId: 's001' });
  });

  it('accepts the RxDB form too (id field, no _id)', () => {
    expect(validateDocument(clone(exampleOrder)).ok).toBe(true);
  });
});

describe('validateDocument: document form', () => {
  it('rejects non-objects and missing ids', () => {
    expectRejected(null, 'document.not-object', /JSON object/);
    expectRejected([1], 'document.not-object', /array/);
    expectRejected({ type: 'order' }, 'document.missing-id', /_id/);
  });

  it('rejects an _id that disagrees with id, and unknown underscore fields', () => {
    expectRejected({ ...clone(exampleOrder), _id: 'other' }, 'document.id-mismatch', /differ/);
    expectRejected({ ...couchForm(clone(exampleOrder)), _secret: 1 }, 'document.reserved-field', /_secret/);
  });

  it('rejects unknown types, listing the known ones', () => {
    expectRejected(
      { _id: 'x:1', type: 'invoice', schemaVersion: 1 },
      'document.unknown-type',
      /product, barcode/,
    );
  });

  it('rejects a schema version newer than the code, asking for an update', () => {
    expectRejected({ ...clone(exampleOrder), schemaVersion: 9 }, 'document.newer-version', /update/);
  });

  it('accepts a bare tombstone, recovering the type from a natural id', () => {
    expect(validateDocument({ _id: 'product:P100', _rev: '2-x', _deleted: true })).toEqual({
      ok: true,
      deleted: true,
      type: 'product',
      appendOnly: false,
    });
    expect(validateDocument({ _id: exampleOrder.id, _rev: '2-x', _deleted: true })).toEqual({
      ok: true,
      deleted: true,
    });
    expect(validateDocument({ ...couchForm(clone(exampleOrder)), _deleted: true })).toMatchObject({
      ok: true,
      deleted: true,
      type: 'order',
      appendOnly: true,
      storeId: 's001',
    });
  });

  it('reports a store-scoped document without storeId', () => {
    const doc: Doc = clone(documentExamples.movement);
    delete doc['storeId'];
    expectRejected(doc, 'schema.invalid', /missing required field "storeId"/);
  });
});

describe('validateDocument: invalid examples per type', () => {
  const cases: [DocumentType, string, (d: Doc) => void, string, RegExp][] = [
    [
      'product',
      'product without variants',
      (d) => (d['variants'] = []),
      'schema.invalid',
      /variants.*fewer than 1/,
    ],
    ['product', 'product with bad unit', (d) => (d['unit'] = 'litre'), 'schema.invalid', /unit/],
    [
      'product',
      'product whose id is not its natural key',
      (d) => (d['id'] = 'product:OTHER'),
      'id.natural-mismatch',
      /product:P100/,
    ],
    ['barcode', 'barcode with a space', (d) => (d['code'] = '400 638'), 'schema.invalid', /code/],
    [
      'price',
      'price with a fractional amount',
      (d) => (d['unitPrice'] = { amount: 19.99, currency: 'EUR' }),
      'schema.invalid',
      /unitPrice\/amount: must be integer/,
    ],
    ['promotion', 'promotion of unknown kind', (d) => (d['kind'] = 'free-lunch'), 'schema.invalid', /kind/],
    [
      'promotion',
      'promotion with a top-level get',
      (d) => (d['get'] = { skus: ['B'] }),
      'promotion.reserved-field',
      /getTarget/,
    ],
    [
      'promotion',
      'promotion whose id is not promotion:<promotionId>',
      (d) => (d['id'] = 'promotion:x'),
      'id.natural-mismatch',
      /promotion:coffee-10/,
    ],
    [
      'tax-rate',
      'tax rate as a number',
      (d) => (d['percent'] = 5.5),
      'schema.invalid',
      /percent: must be string/,
    ],
    [
      'tax-rule',
      'tax rule for a store under the default id',
      (d) => (d['storeId'] = 's001'),
      'id.natural-mismatch',
      /tax-rule:reduced:s001/,
    ],
    [
      'price-list',
      'price list without currency',
      (d) => delete d['currency'],
      'schema.invalid',
      /"currency"/,
    ],
    ['store', 'store with lowercase currency', (d) => (d['currency'] = 'eur'), 'schema.invalid', /currency/],
    ['movement', 'movement with zero delta', (d) => (d['delta'] = 0), 'schema.invalid', /delta/],
    ['movement', 'sale movement with positive delta', (d) => (d['delta'] = 2), 'movement.sign', /negative/],
    [
      'movement',
      'movement with a terminal-less id',
      (d) => (d['id'] = 'movement:1'),
      'schema.invalid',
      /\/id/,
    ],
    [
      'shift',
      'shift with negative float',
      (d) => (d['openingFloat'] = { amount: -1, currency: 'EUR' }),
      'schema.invalid',
      /openingFloat/,
    ],
    ['cash-event', 'cash event of unknown kind', (d) => (d['kind'] = 'tip'), 'schema.invalid', /kind/],
    [
      'close',
      'close whose variance is not counted − expected',
      (d) => ((d['tenders'] as Doc[])[0]!['variance'] = { amount: 5, currency: 'EUR' }),
      'close.variance',
      /counted − expected = 0/,
    ],
    ['customer', 'customer with bad email', (d) => (d['email'] = 'not-an-email'), 'schema.invalid', /email/],
    [
      'ledger-entry',
      'loyalty entry with a currency',
      (d) => (d['ledger'] = 'loyalty'),
      'ledger.unit',
      /points/,
    ],
    [
      'ledger-entry',
      'gift card entry without offline flag',
      (d) => delete d['offline'],
      'schema.invalid',
      /"offline"/,
    ],
    [
      'audit-event',
      'audit event carrying a card number',
      (d) => (d['details'] = { note: 'card 4111 1111 1111 1111' }),
      'pan.detected',
      /masked PAN/,
    ],
    [
      'terminal',
      'terminal with a bad version',
      (d) => (d['appVersion'] = 'latest'),
      'schema.invalid',
      /appVersion/,
    ],
    [
      'fulfillment',
      'fulfillment in an unknown state',
      (d) => (d['state'] = 'lost'),
      'schema.invalid',
      /state/,
    ],
    [
      'fulfillment',
      'fulfillment whose state is not in its history',
      (d) => (d['state'] = 'ready'),
      'fulfillment.history',
      /"ready"/,
    ],
    [
      'stock-level',
      'stock level with fractional on hand',
      (d) => (d['onHand'] = 1.5),
      'schema.invalid',
      /onHand/,
    ],
  ];
  it.each(cases)('rejects a %s: %s', (type, _name, mutate, code, mention) => {
    const doc = clone(documentExamples[type]) as Doc;
    mutate(doc);
    expectRejected(doc, code, mention);
  });
});

describe('validateDocument: orders', () => {
  const order = () => clone(exampleOrder) as unknown as Doc & { tenders: Doc[]; lines: Doc[]; totals: Doc };

  it('refuses a full card number in a card tender, whatever the field', () => {
    const doc = order();
    doc.tenders[0]!['maskedPan'] = '4242424242424242';
    expectRejected(doc, 'schema.invalid', /maskedPan/);
    const doc2 = order();
    doc2.tenders[0]!['token'] = '4242 4242 4242 4242';
    expectRejected(doc2, 'pan.detected', /full card number/);
  });

  it('requires card tenders to carry brand and auth code', () => {
    const doc = order();
    delete doc.tenders[0]!['authCode'];
    expectRejected(doc, 'schema.invalid', /tenders\/0.*authCode/);
  });

  it('reports a tender of unknown type by its tag', () => {
    const doc = order();
    doc.tenders[1]!['type'] = 'cheque';
    expectRejected(doc, 'schema.invalid', /tenders\/1/);
  });

  it('requires tenders to settle the total exactly', () => {
    const doc = order();
    doc.tenders[1]!['amount'] = { amount: 40, currency: 'EUR' };
    expectRejected(doc, 'order.tenders-mismatch', /sum to 1040/);
  });

  it('requires the total to equal the line totals', () => {
    const doc = order();
    doc.totals['total'] = { amount: 999, currency: 'EUR' };
    expectRejected(doc, 'order.totals-mismatch', /1050/);
  });

  it('rejects mixed currencies inside an order', () => {
    const doc = order();
    doc.lines[0]!['unitPrice'] = { amount: 500, currency: 'USD' };
    expectRejected(doc, 'order.currency-mismatch', /lines\/0\/unitPrice/);
  });

  it('rejects a weighed line without weight, duplicate line ids and a sale with no lines', () => {
    const a = order();
    delete a.lines[1]!['weightGrams'];
    expectRejected(a, 'order.weight-missing', /weightGrams/);
    const b = order();
    b.lines[1]!['lineId'] = 'l1';
    expectRejected(b, 'order.duplicate-line', /"l1"/);
    const c = order();
    c['kind'] = 'return';
    expectRejected(c, 'order.kind-lines', /return/);
  });

  it('rejects a web order handed over as take-now', () => {
    const doc = order();
    doc['channel'] = 'web';
    expectRejected(doc, 'order.web-fulfillment', /picked up or shipped/);
    doc['fulfillment'] = 'pickup';
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('rejects discounts larger than the line', () => {
    const doc = order();
    (doc.lines[0]!['discounts'] as Doc[])[0]!['amount'] = { amount: 1001, currency: 'EUR' };
    expectRejected(doc, 'order.discount-exceeds-line', /1001/);
  });
});

describe('collection schemas (RxDB envelopes)', () => {
  it('cover exactly the types of their database, and every example fits its envelope', () => {
    for (const [database, schema] of Object.entries(collectionSchemas)) {
      const types = documentTypesIn(database as keyof typeof collectionSchemas);
      expect(schema.properties['type']?.['enum']).toEqual(types);
      for (const type of types) {
        const example = documentExamples[type];
        for (const field of schema.required) {
          if (
            database === 'web-orders' ||
            database === 'store' ||
            database === 'catalog' ||
            database === 'stock-levels'
          ) {
            expect(example[field], `${type}.${field} required by ${database}`).toBeDefined();
          }
        }
      }
    }
  });

  it('follow the RxDB rules: indexed fields are required, bounded strings; no _ fields; additionalProperties', () => {
    for (const schema of Object.values(collectionSchemas)) {
      expect(schema.primaryKey).toBe('id');
      expect(schema.properties['id']?.['maxLength']).toBeLessThanOrEqual(128);
      expect(schema.additionalProperties).toBe(true);
      for (const index of schema.indexes) {
        for (const field of index) {
          expect(schema.required).toContain(field);
          const prop = schema.properties[field]!;
          if (prop['type'] === 'string') expect(prop['maxLength']).toBeGreaterThan(0);
        }
      }
      expect(Object.keys(schema.properties).some((k) => k.startsWith('_'))).toBe(false);
    }
  });
});
