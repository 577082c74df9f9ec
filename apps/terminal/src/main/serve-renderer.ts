import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../host/content-type';
import { APP_HOST } from './app-origin';

/**
 * Answers an app:// request with a file of the built renderer, never one outside `rendererDir` nor for
 * another host, with the CSP header on every file it serves.
 */
export async function serveRenderer(rendererDir: string, url: string, csp: string): Promise<Response> {
  const { host: requestHost, pathname } = new URL(url);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return new Response('not found', { status: 404 });
  }
  const path = normalize(join(rendererDir, relative));
  if (requestHost !== APP_HOST || !path.startsWith(rendererDir + sep))
    return new Response('not found', { status: 404 });
  try {
    const body = await readFile(path);
    return new Response(body, {
      headers: { 'content-type': contentTypeOf(path), 'content-security-policy': csp },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}
