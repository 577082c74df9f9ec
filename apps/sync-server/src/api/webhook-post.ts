// One webhook request, sent to the addresses that were checked and to no other. node:http(s) would
// resolve the host again when it connects, and a second DNS answer (rebinding) could then point at an
// internal address; the `lookup` option answers the connection's own look-up with the checked
// addresses instead. TLS still verifies the certificate against the host name in the URL.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget, ResolvedAddress } from './webhook-target';

/** What came back from the receiver. */
export interface WebhookResponse {
  status: number;
  retryAfter: string | undefined;
  /** The start of the body (at most MAX_BODY_KEPT bytes), for the delivery log. */
  text: string;
}

/** Bytes of a receiver's answer kept for the log; the rest is read and dropped. */
const MAX_BODY_KEPT = 4096;

/** A `lookup` that answers every look-up with `addresses` (filtered by the family asked for, if any). */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = addresses.filter((a) => family === undefined || a.family === family);
    const first = usable[0];
    if (!first) {
      const error = Object.assign(new Error(`no checked IPv${family ?? ''} address`), { code: 'ENOTFOUND' });
      callback(error, '', 0);
      return;
    }
    // Node's own look-ups ask for every address (`all`) when it races IPv4 and IPv6 (autoSelectFamily).
    if (options.all)
      callback(
        null,
        usable.map((a) => ({ address: a.address, family: a.family })),
      );
    else callback(null, first.address, first.family);
  };
}

/** POSTs `body` to the checked target; rejects on network errors, timeouts and aborts. */
export function postWebhook(
  target: CheckedTarget,
  init: { headers: Record<string, string>; body: string; signal: AbortSignal; agents: WebhookAgents },
): Promise<WebhookResponse> {
  return new Promise((resolve, reject) => {
    const secure = target.url.protocol === 'https:';
    const request = (secure ? https : http).request(
      target.url,
      {
        method: 'POST',
        headers: { ...init.headers, 'content-length': Buffer.byteLength(init.body) },
        lookup: pinnedLookup(target.addresses),
        agent: secure ? init.agents.https : init.agents.http,
        signal: init.signal,
      },
      (res) => {
        const kept: Uint8Array[] = [];
        let size = 0;
        let ended = false;
        res.on('data', (chunk: Uint8Array) => {
          if (size < MAX_BODY_KEPT) kept.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          ended = true;
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            text: Buffer.concat(kept).subarray(0, MAX_BODY_KEPT).toString('utf8'),
          });
        });
        res.on('error', reject);
        res.on('close', () => {
          if (!ended) reject(new Error('the receiver closed the connection before the answer ended'));
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

/** Connection pools of the dispatcher (kept alive between deliveries to the same receivers). */
export interface WebhookAgents {
  http: http.Agent;
  https: https.Agent;
}

/**
 * New pools. A pooled connection is reused only for the same host and port, and it was opened to an
 * address that passed the check when it was opened, so reuse never reaches an unchecked address.
 */
export function webhookAgents(): WebhookAgents {
  return { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
}
