// Errors answered the way CouchDB answers them: an HTTP status and a `{error, reason}` body.

/** A request-level failure with CouchDB's status, error name and an actionable reason. */
export class CouchError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(`${error}: ${reason}`);
  }
}

export const badRequest = (reason: string) => new CouchError(400, 'bad_request', reason);
export const unauthorized = (reason = 'Name or password is incorrect.') =>
  new CouchError(401, 'unauthorized', reason);
export const forbidden = (reason: string) => new CouchError(403, 'forbidden', reason);
export const notFound = (reason = 'missing') => new CouchError(404, 'not_found', reason);
export const dbNotFound = () => new CouchError(404, 'not_found', 'Database does not exist.');
export const methodNotAllowed = (allowed: string) =>
  new CouchError(405, 'method_not_allowed', `Only ${allowed} allowed`);
export const conflict = () => new CouchError(409, 'conflict', 'Document update conflict.');
