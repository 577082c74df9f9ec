// The update channel: GET /_updates/manifest.json (signed), /_updates/latest.yml and latest-linux.yml
// (electron-updater's generic feed) and /_updates/<installer>. Anonymous on purpose: everything here is
// either signed or checked against what is signed, and a terminal must be able to update even when its
// credentials are what the update fixes. Read-only: publishing is writing into the folder (release CLI).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UPDATE_FILE_NAME_PATTERN } from '@store-os/shared/updates';

/** Where the published release lives. */
export interface UpdatesOptions {
  dir: string;
}

const PREFIX = '/_updates/';
const NAME = new RegExp(UPDATE_FILE_NAME_PATTERN);

/** Answers requests under /_updates/; false (nothing written) for any other path. */
export async function handleUpdates(
  req: IncomingMessage,
  res: ServerResponse,
  options: UpdatesOptions,
): Promise<boolean> {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (pathname !== '/_updates' && !pathname.startsWith(PREFIX)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    reply(res, 405, 'method_not_allowed', 'The update channel is read-only: use GET.', {
      Allow: 'GET, HEAD',
    });
    return true;
  }
  const name = pathname.slice(PREFIX.length);
  if (!NAME.test(name)) {
    reply(res, 404, 'not_found', `No update file "${name}"; terminals start at ${PREFIX}manifest.json.`);
    return true;
  }
  const path = join(options.dir, name);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    reply(res, 404, 'not_found', `${name} is not published; IT publishes with the release CLI.`);
    return true;
  }
  res.writeHead(200, {
    'Content-Type': contentType(name),
    'Content-Length': String(size),
    // The manifest and feeds change on every publish; installers never change under one name.
    'Cache-Control': isIndex(name) ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await pipeline(createReadStream(path), res);
  return true;
}

function isIndex(name: string): boolean {
  return name === 'manifest.json' || name.endsWith('.yml');
}

function contentType(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.yml')) return 'text/yaml; charset=utf-8';
  return 'application/octet-stream';
}

function reply(
  res: ServerResponse,
  status: number,
  error: string,
  reason: string,
  headers: Record<string, string> = {},
): void {
  const body = `${JSON.stringify({ error, reason })}\n`;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
