// Where webhooks may be sent. Deliveries carry order and customer data and are made by the server from
// inside the store network, so a subscription may only name an https URL on a public host: no plain
// http, no loopback, private, link-local or unspecified address written as the host. A server started
// with the explicit development flag (`--dev-allow-loopback-webhooks`, option `allowLoopbackWebhooks`)
// also accepts http(s) to loopback (127.0.0.0/8, ::1, localhost), for a receiver on the same machine.
import { isIP } from 'node:net';

/** Why a URL is refused, or undefined when it may receive webhooks. */
export function webhookTargetRefusal(url: string, allowLoopback: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid absolute URL.';
  }
  if (parsed.username !== '' || parsed.password !== '')
    return 'must not carry credentials; authenticate deliveries with the signing secret.';
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = isLoopback(host);
  if (loopback && allowLoopback && (parsed.protocol === 'http:' || parsed.protocol === 'https:'))
    return undefined;
  if (parsed.protocol !== 'https:')
    return 'must use https (plain http is accepted only for loopback on a development server).';
  if (loopback) return 'must not point at this machine (loopback is accepted only on a development server).';
  if (isInternal(host)) return 'must not point at a private, link-local or unspecified address.';
  return undefined;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:7f00:1` → `127.0.0.1`). */
function mappedV4(host: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (dotted?.[1]) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!hex?.[1] || !hex[2]) return undefined;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || (mappedV4(host)?.startsWith('127.') ?? false);
  return false;
}

function isInternal(host: string): boolean {
  if (isIP(host) === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (isIP(host) === 6) {
    if (host === '::' || host.startsWith('fe80:') || /^f[cd][0-9a-f]{2}:/.test(host)) return true;
    const v4 = mappedV4(host);
    return v4 !== undefined && isInternal(v4);
  }
  return host.endsWith('.internal') || host.endsWith('.local');
}
