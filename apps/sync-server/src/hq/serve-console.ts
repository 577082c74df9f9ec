// The HQ console's static files under `/_hq/` (everything that is not `/_hq/api/`). Vite puts every
// hashed asset under `assets/`, so those are cached for a year; index.html is revalidated on every load
// so a new build is picked up at once. Paths without a file extension fall back to index.html: the
// console routes in the browser (`/_hq/sales`, `/_hq/fleet`) and a reload must land in the app.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../http/context';
import { CouchError, methodNotAllowed, notFound } from '../http/couch-error';
import { CONSOLE_CSP, consoleContentType } from './console-headers';

/** Where `npm run build:console` (apps/sync-server/tools/build-console.ts) writes the console. */
export const CONSOLE_DIST_DIR =
  process.env['POS_CONSOLE_DIR'] ?? fileURLToPath(new URL('../../dist/console', import.meta.url));

const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

interface ConsoleFile {
  body: Buffer;
  etag: string;
  path: string;
}

async function readConsoleFile(root: string, rel: string[]): Promise<ConsoleFile | undefined> {
  const path = join(root, ...rel);
  // A segment pattern without `/`, `\` or a leading dot already rules out traversal; this is the invariant.
  if (!path.startsWith(root + sep)) return undefined;
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    const body = await readFile(path);
    const etag = `"${createHash('sha1')
      .update(new Uint8Array(body.buffer, body.byteOffset, body.length))
      .digest('base64url')}"`;
    return { body, etag, path };
  } catch {
    return undefined;
  }
}

function send(ctx: Ctx, file: ConsoleFile, cacheControl: string): void {
  const headers: Record<string, string> = {
    'Content-Type': consoleContentType(file.path),
    'Cache-Control': cacheControl,
    ETag: file.etag,
    'Content-Security-Policy': CONSOLE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (ctx.req.headers['if-none-match'] === file.etag) {
    ctx.res.writeHead(304, headers);
    ctx.res.end();
    return;
  }
  ctx.res.writeHead(200, { ...headers, 'Content-Length': String(file.body.length) });
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : file.body);
}

/**
 * Serves `/_hq/<seg...>` from the built console. Anyone may load the files (they hold no data); the
 * data comes from `/_hq/api/` and the CouchDB API, which check the caller's `_session` cookie.
 */
export async function serveConsole(ctx: Ctx, seg: string[], root = CONSOLE_DIST_DIR): Promise<void> {
  const method = ctx.req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed('GET,HEAD');
  if (seg.some((s) => !SAFE_SEGMENT.test(s))) throw notFound(`No console file /_hq/${seg.join('/')}.`);
  if (seg.length > 0) {
    const file = await readConsoleFile(root, seg);
    if (file) {
      const hashed = seg[0] === 'assets';
      send(ctx, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // A missing asset must be a 404, or a stale page would get HTML where it asked for a script.
    const last = seg[seg.length - 1] ?? '';
    if (seg[0] === 'assets' || extname(last) !== '') {
      throw notFound(`No console file /_hq/${seg.join('/')}.`);
    }
  }
  const index = await readConsoleFile(root, ['index.html']);
  if (!index) {
    throw new CouchError(
      503,
      'console_not_built',
      'The HQ console has not been built; run `npx tsx apps/sync-server/tools/build-console.ts` (npm start does it).',
    );
  }
  send(ctx, index, 'no-cache');
}
