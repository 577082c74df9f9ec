import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './webhook-post';

/** A self-signed certificate for `hooks.test` made with the openssl CLI, or why there is none. */
function certificate(): { key: string; cert: string } | string {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-tls-'));
  try {
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=hooks.test',
        '-addext',
        'subjectAltName=DNS:hooks.test',
      ],
      { encoding: 'utf8' },
    );
    if (made.error || made.status !== 0)
      return `the openssl CLI could not make a test certificate (${made.error?.message ?? made.stderr})`;
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = certificate();
if (typeof tls === 'string') console.log(`webhook-post https tests skipped: ${tls}`);

describe.skipIf(typeof tls === 'string')('a pinned webhook request over https', () => {
  let server: https.Server;
  let port = 0;
  const seen: { servername: string | false | null; host: string | undefined }[] = [];
  beforeAll(async () => {
    if (typeof tls === 'string') return;
    server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      seen.push({ servername: (req.socket as TLSSocket).servername, host: req.headers.host });
      req.resume();
      req.on('end', () => res.writeHead(202, { 'retry-after': '7' }).end('accepted'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const agents = () => ({
    http: new http.Agent(),
    https: new https.Agent({ ca: typeof tls === 'string' ? undefined : tls.cert }),
  });

  it('connects to the checked address but verifies the certificate and sends SNI for the URL host', async () => {
    // `hooks.test` resolves nowhere: only the pinned address can take the connection there.
    const a = agents();
    const res = await postWebhook(
      { url: new URL(`https://hooks.test:${port}/hook`), addresses: [{ address: '127.0.0.1', family: 4 }] },
      {
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(5000),
        agents: a,
      },
    );
    a.https.destroy();
    expect(res).toEqual({ status: 202, retryAfter: '7', text: 'accepted' });
    expect(seen.at(-1)).toEqual({ servername: 'hooks.test', host: `hooks.test:${port}` });
  });

  it('refuses a certificate that does not name the URL host, though the address was allowed', async () => {
    const a = agents();
    const attempt = postWebhook(
      { url: new URL(`https://other.test:${port}/hook`), addresses: [{ address: '127.0.0.1', family: 4 }] },
      { headers: {}, body: '{}', signal: AbortSignal.timeout(5000), agents: a },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    a.https.destroy();
  });
});
