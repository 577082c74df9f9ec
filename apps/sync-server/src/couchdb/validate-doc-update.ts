// The `validate_doc_update` design document a CouchDB cluster gets, equivalent to this server's write
// rules (validation/write-validator.ts): known type, right database, storeId of this store, append-only
// facts never changed or deleted, stock-levels written by the server only, design documents by admins.
// CouchDB's JavaScript cannot run the full JSON Schemas of packages/shared, so field-level schema
// checks stay with the writers (the terminal validates before it writes; the embedded server re-checks).
import { documentTypes } from '@store-os/shared/schemas';
import { dbKind } from '../auth/access-policy';

export const VALIDATION_DDOC_ID = '_design/store-os';

function rules(): Record<
  string,
  { database: string; alsoIn: readonly string[]; appendOnly: boolean; storeScoped: boolean }
> {
  const out: Record<
    string,
    { database: string; alsoIn: readonly string[]; appendOnly: boolean; storeScoped: boolean }
  > = {};
  for (const [type, info] of Object.entries(documentTypes)) {
    const extra: { alsoIn?: readonly string[] } = info;
    out[type] = {
      database: info.database,
      alsoIn: extra.alsoIn ?? [],
      appendOnly: info.appendOnly,
      storeScoped: info.storeScoped,
    };
  }
  return out;
}

/** The design document for database `db`, with its kind and store baked in. */
export function validationDesignDoc(db: string): {
  _id: string;
  language: string;
  validate_doc_update: string;
} {
  const { kind, storeId } = dbKind(db);
  const source = `function (newDoc, oldDoc, userCtx) {
  var TYPES = ${JSON.stringify(rules())};
  var KIND = ${JSON.stringify(kind)};
  var STORE = ${JSON.stringify(storeId ?? null)};
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  if (newDoc._id.indexOf('_design/') === 0) throw({ forbidden: 'Only the server admin may write design documents.' });
  if (KIND === 'other') throw({ forbidden: 'This is not a Store OS database; only the admin writes it.' });
  if (KIND === 'stock-levels') throw({ forbidden: 'stock-levels is derived by the server from movements; write movements to your store database.' });
  if (KIND !== 'store' && roles.indexOf('hq') === -1) throw({ forbidden: 'Only HQ writes the ' + KIND + ' database.' });
  var old = oldDoc && !oldDoc._deleted && TYPES[oldDoc.type];
  if (old && old.appendOnly) {
    if (newDoc._deleted) throw({ forbidden: 'This document is an append-only fact; record a correcting fact instead of deleting it.' });
    throw({ forbidden: 'This document is a "' + oldDoc.type + '", an append-only fact: it is never changed, whatever type the new revision declares; record a new fact instead.' });
  }
  if (newDoc._deleted) return;
  var t = TYPES[newDoc.type];
  if (!t) throw({ forbidden: 'document.unknown-type: field "type" is ' + JSON.stringify(newDoc.type) + '.' });
  if (typeof newDoc.schemaVersion !== 'number') throw({ forbidden: 'schema.invalid: missing required field "schemaVersion".' });
  if (t.database !== KIND && t.alsoIn.indexOf(KIND) === -1) throw({ forbidden: 'Documents of type "' + newDoc.type + '" belong in the ' + t.database + ' database.' });
  if (KIND === 'store' && t.storeScoped && newDoc.storeId !== STORE) throw({ forbidden: 'storeId ' + JSON.stringify(newDoc.storeId) + ' does not match this database\\'s store "' + STORE + '".' });
  if (t.appendOnly && oldDoc) throw({ forbidden: 'Type "' + newDoc.type + '" is append-only: it is created once and never changed; record a new fact instead.' });
}`;
  return { _id: VALIDATION_DDOC_ID, language: 'javascript', validate_doc_update: source };
}
