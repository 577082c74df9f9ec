// The validation design document a CouchDB cluster runs (couch mode), evaluated here the way CouchDB
// evaluates it: the function source in a fresh JavaScript context, called with (newDoc, oldDoc, userCtx).
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { orderDoc, productDoc } from '../testing/fixtures';
import { validationDesignDoc } from './validate-doc-update';

type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: { roles: string[] }) => void;

function validatorFor(db: string): Validate {
  return runInNewContext(`(${validationDesignDoc(db).validate_doc_update})`) as Validate;
}

/** The `forbidden` reason the function throws, or undefined when it accepts the write. */
function refusal(validate: Validate, newDoc: unknown, oldDoc: unknown, roles: string[]): string | undefined {
  try {
    validate(newDoc, oldDoc, { roles });
    return undefined;
  } catch (thrown) {
    return (thrown as { forbidden?: string }).forbidden ?? String(thrown);
  }
}

describe('the CouchDB validation design document', () => {
  const store = validatorFor('store-s1');
  const terminal = ['store:s1', 'terminal'];

  it('lets a terminal create an order in its store database', () => {
    expect(refusal(store, orderDoc('s1', 's1-t1'), null, terminal)).toBeUndefined();
  });

  it('never lets an append-only fact be changed, even by a revision declaring another type', () => {
    const order: Record<string, unknown> = { ...orderDoc('s1', 's1-t1'), _rev: '1-a' };
    const id = String(order['_id']);
    const sameType = { ...order, note: 'changed' };
    const disguised = { _id: id, _rev: '1-a', type: 'customer', schemaVersion: 1, storeId: 's1' };
    for (const roles of [terminal, ['store:s1', 'manager'], ['hq']]) {
      expect(refusal(store, sameType, order, roles), roles.join()).toMatch(/append-only/);
      expect(refusal(store, disguised, order, roles), roles.join()).toMatch(/"order", an append-only fact/);
      expect(refusal(store, { _id: id, _deleted: true }, order, roles), roles.join()).toMatch(
        /append-only fact; record a correcting fact/,
      );
      expect(
        refusal(store, { _id: id, _deleted: true, type: 'customer' }, order, roles),
        roles.join(),
      ).toMatch(/append-only/);
    }
    // The admin (the server's own repairs) may.
    expect(refusal(store, disguised, order, ['_admin'])).toBeUndefined();
  });

  it('lets HQ change a mutable catalog document and keeps terminals out of the catalog', () => {
    const catalog = validatorFor('catalog');
    const product = { ...productDoc('p1'), _rev: '1-a' };
    expect(refusal(catalog, { ...product, name: 'Renamed' }, product, ['hq'])).toBeUndefined();
    expect(refusal(catalog, { ...product, name: 'Renamed' }, product, terminal)).toMatch(/Only HQ writes/);
  });
});
