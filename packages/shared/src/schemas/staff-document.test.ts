import { describe, expect, it } from 'vitest';
import { collectionSchemas } from './collection-schemas';
import { documentExamples } from './document-examples';
import { documentTypes } from './document-types';
import { validateDocument } from './validate-document';

const staff = () => structuredClone(documentExamples.staff) as Record<string, unknown>;
const refusal = (doc: unknown) => {
  const result = validateDocument(doc);
  return result.ok ? undefined : result;
};

describe('staff documents', () => {
  it('live in the store database, so only that store and HQ see the PIN hashes', () => {
    expect(documentTypes.staff).toMatchObject({ database: 'store', storeScoped: true, idKind: 'natural' });
    expect(validateDocument(staff())).toMatchObject({ ok: true, type: 'staff', storeId: 's001' });
    expect(collectionSchemas.store.properties).toHaveProperty('pin');
    expect(collectionSchemas.store.properties).toHaveProperty('role');
  });

  it('refuses a PIN hash weaker than 600,000 PBKDF2 iterations', () => {
    const doc = staff();
    (doc['pin'] as Record<string, unknown>)['iterations'] = 10_000;
    expect(refusal(doc)?.code).toBe('schema.invalid');
    expect(refusal(doc)?.reason).toMatch(/iterations/);
  });

  it('refuses a PIN in clear and an unknown role', () => {
    const clear = staff();
    clear['pin'] = '1234';
    expect(refusal(clear)?.code).toBe('schema.invalid');
    const boss = staff();
    boss['role'] = 'owner';
    expect(refusal(boss)?.reason).toMatch(/role/);
  });

  it('has the id staff:<userId>, so a PIN change overwrites the person instead of adding a second one', () => {
    const doc = staff();
    doc['id'] = 'staff:someone-else';
    expect(refusal(doc)?.code).toBe('id.natural-mismatch');
  });
});
