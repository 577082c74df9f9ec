// Document id rules, as CouchDB enforces them plus this server's size limit.
import { CouchError, forbidden } from '../http/couch-error';
import type { Principal } from '../auth/principal';

/** Longest accepted document id, in UTF-8 bytes. */
export const MAX_ID_BYTES = 512;

/** CouchDB 3 answers a malformed document id with 400 `illegal_docid` (couch_doc:validate_docid). */
export const illegalDocId = (reason: string) => new CouchError(400, 'illegal_docid', reason);

/** Why an id is refused (400 for malformed, 403 for `_design/` by a non-admin), or undefined when fine. */
export function idProblem(id: unknown, principal: Principal): CouchError | undefined {
  if (typeof id !== 'string') return illegalDocId('Document id must be a string.');
  if (id.length === 0) return illegalDocId('Document id must not be empty.');
  if (Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES) {
    return illegalDocId(`Document id is longer than ${MAX_ID_BYTES} bytes; use a shorter key.`);
  }
  if (id.startsWith('_design/')) {
    return principal.role === 'admin'
      ? undefined
      : forbidden('Only the server admin may write design documents.');
  }
  if (id.startsWith('_')) return illegalDocId('Only reserved document ids may start with underscore.');
  return undefined;
}
