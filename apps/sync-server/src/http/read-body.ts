// Reads and parses a JSON request body with a size limit (413) and a nesting limit, so one hostile
// request cannot take memory or the stack from everyone else.
import type { IncomingMessage } from 'node:http';
import { badRequest, CouchError } from './couch-error';

/** Deepest object/array nesting accepted in a request body. */
export const MAX_JSON_DEPTH = 64;

export async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const buf of req as AsyncIterable<Uint8Array>) {
    size += buf.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): CouchError {
  return new CouchError(413, 'too_large', `The request body is larger than the ${limit}-byte limit.`);
}

/** Rejects nesting deeper than `max` by scanning brackets outside strings (before JSON.parse recurses). */
export function checkDepth(text: string, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) throw badRequest(`JSON nesting deeper than ${max} levels is not accepted.`);
    } else if (c === 125 || c === 93) depth--;
  }
}

/** Parses a JSON body; an empty body is `undefined`. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await readRaw(req, limit);
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  checkDepth(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Request body is not valid JSON.');
  }
}

/** Parses a JSON body that must be an object. */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const value = await readJson(req, limit);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('Request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
