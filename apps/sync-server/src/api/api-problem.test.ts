import { describe, expect, it } from 'vitest';
import { CouchError } from '../http/couch-error';
import { StorageFailedError } from '../storage/group-commit';
import { toProblem } from './api-problem';

describe('toProblem', () => {
  it('answers a write refused after a failed fsync as 503 service-unavailable, naming the failure', () => {
    const problem = toProblem(new StorageFailedError(new Error('EIO: i/o error, fdatasync')));
    expect(problem).toMatchObject({ status: 503, kind: 'service-unavailable' });
    expect(problem?.message).toMatch(/storage failed.*EIO.*restart the server/);
  });

  it('keeps a CouchError its own status, and leaves an unknown error to the 500 path', () => {
    expect(toProblem(new CouchError(413, 'too_large', 'too big'))).toMatchObject({
      status: 413,
      kind: 'payload-too-large',
    });
    expect(toProblem(new Error('boom'))).toBeUndefined();
  });
});
