// CORS for browser terminals (RxDB in Chromium): the origin is echoed with credentials allowed, because
// a wildcard cannot carry cookies or basic auth.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Allowed browser origins; `*` echoes any origin (development). */
export type CorsOrigins = readonly string[];

export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: CorsOrigins): void {
  const origin = req.headers.origin;
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Type, Cache-Control, ETag, X-Couch-Request-ID');
}

/** Answers a preflight; true when the request was one. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, allowed: CorsOrigins): boolean {
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  applyCors(req, res, allowed);
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'Accept, Authorization, Content-Type, Origin',
  );
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204);
  res.end();
  return true;
}
