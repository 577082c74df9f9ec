// RFC 9457 problem details for every error the integration API answers, including the CouchError
// failures of shared helpers (body too large, bad JSON), so clients parse one error format.
import type { ServerResponse } from 'node:http';
import type { FieldError, ProblemDetails } from '@store-os/shared/integration';
import { isDomainError } from '@store-os/shared/errors';
import { CouchError } from '../http/couch-error';
import { StorageFailedError } from '../storage/group-commit';

/** Kinds of problem, each documented at `/_api/problems/<kind>`. */
export const PROBLEM_KINDS = {
  'validation-failed': 'The request body or query does not satisfy the schema or the domain rules.',
  'malformed-request': 'The request could not be read (not JSON, too deep, bad header).',
  unauthorized: 'No valid API key (or CouchDB credential) was sent.',
  forbidden: 'The credential is valid but lacks the scope or role for this operation.',
  'not-found': 'No such endpoint or resource.',
  'method-not-allowed': 'The endpoint exists but not with this HTTP method.',
  'idempotency-key-missing': 'Writes need an Idempotency-Key header so a retry never applies twice.',
  'idempotency-key-reused': 'This Idempotency-Key was already used with a different request body.',
  conflict: 'The request is valid but cannot be applied in the current state (stock, fulfillment state).',
  'payload-too-large': 'The request body is larger than the server accepts.',
  'unsupported-media-type': 'Send the body as application/json.',
  'too-many-requests': 'Slow down and retry after the Retry-After delay.',
  'internal-error': 'The server failed; nothing was applied. Retry with the same Idempotency-Key.',
  'service-unavailable':
    'The server cannot make writes durable (its storage failed) until it is restarted; nothing was applied. Retry later with the same Idempotency-Key.',
} as const;

/** A problem kind. */
export type ProblemKind = keyof typeof PROBLEM_KINDS;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error the API answers as problem details. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }

  toJSON(instance?: string): ProblemDetails {
    return {
      type: `/_api/problems/${this.kind}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
      ...this.extra,
    };
  }
}

export const validationFailed = (detail: string, errors: FieldError[]) =>
  new ApiProblem(422, 'validation-failed', detail, errors);

/** The problem for any error thrown while answering (CouchError from shared helpers included). */
export function toProblem(error: unknown): ApiProblem | undefined {
  if (error instanceof ApiProblem) return error;
  // A shared-domain refusal (routing, state machine) is the request's fault and says what to fix.
  if (isDomainError(error))
    return new ApiProblem(422, 'validation-failed', error.message, [
      { pointer: '', detail: error.message, code: error.code },
    ]);
  if (error instanceof StorageFailedError) return new ApiProblem(503, 'service-unavailable', error.message);
  if (!(error instanceof CouchError)) return undefined;
  const kind: ProblemKind =
    error.status === 413
      ? 'payload-too-large'
      : error.status === 401
        ? 'unauthorized'
        : error.status === 403
          ? 'forbidden'
          : error.status === 404
            ? 'not-found'
            : error.status === 405
              ? 'method-not-allowed'
              : error.status === 429
                ? 'too-many-requests'
                : error.status === 409
                  ? 'conflict'
                  : 'malformed-request';
  return new ApiProblem(error.status, kind, error.reason);
}

/** Writes a problem as `application/problem+json`. */
export function sendProblem(res: ServerResponse, problem: ApiProblem, instance?: string): void {
  const body = Buffer.from(JSON.stringify(problem.toJSON(instance)) + '\n');
  res.writeHead(problem.status, {
    ...problem.headers,
    'Content-Type': 'application/problem+json',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
