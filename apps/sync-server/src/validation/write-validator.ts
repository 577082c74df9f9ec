// The server's validate_doc_update: who may write what into which database. Documents are checked with
// the schemas of packages/shared (type, version, fields), then with the database rules: the type
// belongs in this database, `storeId` names this database's store, append-only facts are never changed
// or deleted (except by the admin), and `stock-levels` is written by the server only.
import { documentTypes, validateDocument } from '@store-os/shared/schemas';
import { dbKind } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { DocError, WriteCandidate, WriteCheck } from '../storage/doc-writer';
import { idProblem } from './document-id';

/** The shared validator's contract (agreed interface of `@store-os/shared`). */
export type ValidateDocument = (doc: unknown) => ReturnType<typeof validateDocument>;

/** Types that decide who may sign in at a till: a terminal replicates them but never writes them. */
const PEOPLE_TYPES: ReadonlySet<string> = new Set(['staff']);

function refuse(id: string, reason: string): DocError {
  return { id, error: 'forbidden', reason };
}

function belongsIn(type: keyof typeof documentTypes, kind: string): boolean {
  const info: { database: string; alsoIn?: readonly string[] } = documentTypes[type];
  return info.database === kind || (info.alsoIn ?? []).includes(kind);
}

/** Builds the per-document check for one principal writing into one database. */
export function writeCheckFor(
  principal: Principal,
  db: string,
  validate: ValidateDocument = validateDocument,
): WriteCheck {
  const { kind, storeId } = dbKind(db);
  const isAdmin = principal.role === 'admin';
  return (c: WriteCandidate) => {
    const idError = idProblem(c.id, principal);
    if (idError) return { id: c.id, error: idError.error, reason: idError.reason };
    const attachments = c.doc._attachments;
    if (attachments && typeof attachments === 'object' && Object.keys(attachments).length > 0) {
      return {
        id: c.id,
        error: 'bad_request',
        reason: 'Attachments are not supported by this server; store files elsewhere and reference them.',
      };
    }
    if (isAdmin && (kind === 'other' || c.id.startsWith('_design/'))) return undefined;
    if (kind === 'other')
      return refuse(c.id, `Database ${db} is not a Store OS database; only the admin writes it.`);
    if (kind === 'stock-levels' && !isAdmin) {
      return refuse(
        c.id,
        'stock-levels is derived by the server from movements; write movements to your store database.',
      );
    }
    const v = validate(c.doc);
    if (!v.ok) return refuse(c.id, `${v.code}: ${v.reason}`);
    // For a document that exists, its stored type decides too: a new revision (or a tombstone)
    // declaring another, mutable `type` must not change or delete a fact.
    const storedType = c.existing && !isAdmin ? c.existingType?.() : undefined;
    const storedAppendOnly = storedType !== undefined && typeInfo(storedType)?.appendOnly === true;
    if (principal.role === 'terminal') {
      const type = v.deleted === true ? storedType : v.type;
      if (type !== undefined && PEOPLE_TYPES.has(type)) {
        return refuse(
          c.id,
          `A terminal may not write "${type}" documents; a store manager or HQ manages staff and PINs.`,
        );
      }
    }
    if (v.deleted === true) {
      const appendOnly = storedAppendOnly || (v.appendOnly ?? (c.existing ? existingAppendOnly(c) : false));
      if (appendOnly && !isAdmin)
        return refuse(
          c.id,
          'This document is an append-only fact; record a correcting fact instead of deleting it.',
        );
      return undefined;
    }
    if (!belongsIn(v.type, kind)) {
      return refuse(
        c.id,
        `Documents of type "${v.type}" belong in the ${documentTypes[v.type].database} database, not ${db}.`,
      );
    }
    if (kind === 'store' && documentTypes[v.type].storeScoped && v.storeId !== storeId) {
      return refuse(
        c.id,
        `storeId ${JSON.stringify(v.storeId ?? null)} does not match this database's store "${storeId}".`,
      );
    }
    if ((v.appendOnly || storedAppendOnly) && c.existing && !isAdmin) {
      const factType = storedAppendOnly ? storedType : v.type;
      return refuse(
        c.id,
        `Type "${factType}" is append-only: it is created once and never changed; record a new fact instead.`,
      );
    }
    return undefined;
  };
}

/** The registry entry of a stored `type`, or undefined when it is not a known type. */
function typeInfo(type: string): (typeof documentTypes)[keyof typeof documentTypes] | undefined {
  return Object.hasOwn(documentTypes, type) ? documentTypes[type as keyof typeof documentTypes] : undefined;
}

/** Append-only status of a document being deleted by a bare tombstone, from its stored type. */
function existingAppendOnly(c: WriteCandidate): boolean {
  const type = c.existingType?.();
  return type === undefined ? true : (typeInfo(type)?.appendOnly ?? true);
}
