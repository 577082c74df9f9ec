// Where webhooks may be sent. Deliveries carry order and customer data and are made by the server from
// inside the store network, so a subscription may only name an https URL whose host is public: no
// plain http, and no loopback, private, link-local, unique-local, carrier-grade NAT, unspecified,
// multicast or otherwise special address, whether written as the host or reached by resolving a name
// (a DNS name pointing at 169.254.169.254 is the classic way in). The check runs at registration and
// again before every delivery, and the delivery connects to exactly the addresses that were checked
// (webhook-post.ts), so a DNS answer that changes between the check and the connection cannot reach an
// internal address. A server started with the explicit development flag (`--dev-allow-loopback-webhooks`,
// option `allowLoopbackWebhooks`) also accepts http(s) to loopback, for a receiver on the same machine.
import { lookup } from 'node:dns/promises';
import { classifyAddress } from './address-class';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address a connection could use (injectable so tests need no DNS). */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The operating system's resolver (getaddrinfo: hosts file, then DNS), every address. */
export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** How targets are checked. */
export interface TargetPolicy {
  /** Development only: http(s) to loopback is accepted. */
  allowLoopback: boolean;
  resolve: HostResolver;
}

/** A target that may receive webhooks: the URL and the addresses checked, which the connection must use. */
export interface CheckedTarget {
  url: URL;
  addresses: readonly ResolvedAddress[];
}

/** The verdict on a target: checked addresses, or a refusal that completes "The webhook URL …". */
export type TargetCheck = { ok: true; target: CheckedTarget } | { ok: false; refusal: string };

const LOCAL_NAMES = /(^|\.)localhost$/;
const INTERNAL_NAMES = /\.(local|internal)$/;

/**
 * Checks `url` and every address its host resolves to; never throws. A look-up still running when
 * `signal` aborts (a timeout) counts as unresolved, so a stuck resolver never holds its caller.
 */
export async function checkWebhookTarget(
  url: string,
  policy: TargetPolicy,
  signal?: AbortSignal,
): Promise<TargetCheck> {
  const parsed = parse(url);
  if (typeof parsed === 'string') return { ok: false, refusal: parsed };
  const refusal = literalRefusal(parsed, policy.allowLoopback);
  if (refusal !== undefined) return { ok: false, refusal };
  const host = hostOf(parsed);
  // A literal address is checked as written; a name is resolved (every address) and each is checked.
  const family = classifyAddress(host) ? (host.includes(':') ? 6 : 4) : undefined;
  let addresses: readonly ResolvedAddress[];
  if (family !== undefined) addresses = [{ address: host, family }];
  else {
    try {
      addresses = await untilAborted(policy.resolve(host), signal);
    } catch (error) {
      const { code, name } = error as { code?: unknown; name?: unknown };
      const why = typeof code === 'string' ? code : name === 'TimeoutError' ? 'timed out' : undefined;
      return {
        ok: false,
        refusal: `has a host (${host}) that could not be resolved${why === undefined ? '' : ` (${why})`}.`,
      };
    }
    if (addresses.length === 0)
      return { ok: false, refusal: `has a host (${host}) that resolves to no address.` };
  }
  let allLoopback = true;
  for (const { address } of addresses) {
    const c = classifyAddress(address);
    if (!c)
      return { ok: false, refusal: `has a host (${host}) that resolved to "${address}", not an address.` };
    allLoopback &&= c.loopback;
    if (c.public || (c.loopback && policy.allowLoopback)) continue;
    const via = family === undefined ? `has a host (${host}) that resolves to` : 'points at';
    const hint = c.loopback ? ' (loopback is accepted only on a development server)' : '';
    return {
      ok: false,
      refusal: `${via} ${c.address}, ${c.label}; webhooks go to public addresses only${hint}.`,
    };
  }
  if (parsed.protocol === 'http:' && !(policy.allowLoopback && allLoopback))
    return {
      ok: false,
      refusal: 'must use https (plain http is accepted only for loopback on a development server).',
    };
  return { ok: true, target: { url: parsed, addresses } };
}

/** `work`, or a rejection with the signal's reason as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function parse(url: string): URL | string {
  try {
    return new URL(url);
  } catch {
    return 'is not a valid absolute URL.';
  }
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** Why a URL is refused by its text alone (scheme, credentials, a literal address, an internal name). */
function literalRefusal(parsed: URL, allowLoopback: boolean): string | undefined {
  if (parsed.username !== '' || parsed.password !== '')
    return 'must not carry credentials; authenticate deliveries with the signing secret.';
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'must use https (plain http is accepted only for loopback on a development server).';
  const host = hostOf(parsed);
  const literal = classifyAddress(host);
  const loopback = literal ? literal.loopback : LOCAL_NAMES.test(host);
  if (loopback && allowLoopback) return undefined;
  // Under the development flag a name may still turn out to be loopback once resolved.
  if (parsed.protocol !== 'https:' && !(allowLoopback && !literal))
    return 'must use https (plain http is accepted only for loopback on a development server).';
  if (loopback) return 'must not point at this machine (loopback is accepted only on a development server).';
  if (literal && !literal.public)
    return `points at ${literal.address}, ${literal.label}; webhooks go to public addresses only.`;
  if (!literal && INTERNAL_NAMES.test(host))
    return `has a host (${host}) on an internal-only domain (.local, .internal).`;
  return undefined;
}
