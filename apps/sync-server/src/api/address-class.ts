// Which network an IP address belongs to, for deciding where the server may open a connection on
// someone else's behalf (webhook deliveries). The ranges come from ipaddr.js (IANA special-purpose
// registries); this file only names them for people and says which ones count as public.
import ipaddr from 'ipaddr.js';

/** What an IP address is, as far as sending requests to it goes. */
export interface AddressClass {
  /** The address in canonical form (an IPv4-mapped IPv6 address is shown as its IPv4 address). */
  address: string;
  /** ipaddr.js's range name: `unicast` is a global address; anything else is internal or special. */
  range: string;
  /** A global unicast address: reachable on the internet, not inside the store network or this host. */
  public: boolean;
  /** This machine (127.0.0.0/8, ::1, or their IPv4-mapped forms). */
  loopback: boolean;
  /** The class in words, for error messages: "a private (RFC 1918) address". */
  label: string;
}

const LABELS: Record<string, string> = {
  loopback: 'a loopback address (this machine)',
  private: 'a private (RFC 1918) address',
  linkLocal: 'a link-local address (169.254.0.0/16 or fe80::/10, where cloud metadata services answer)',
  uniqueLocal: 'a unique-local IPv6 address (fc00::/7)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address (documentation, benchmarking or future use)',
  benchmarking: 'a benchmarking address',
  deprecatedSiteLocal: 'a site-local IPv6 address (fec0::/10)',
  discard: 'a discard-only IPv6 address (100::/64)',
  rfc6052: 'a NAT64 address (64:ff9b::/96, which embeds an IPv4 address)',
  rfc6145: 'an IPv4-translated address (::ffff:0:0:0/96)',
  '6to4': 'a 6to4 address (2002::/16, which embeds an IPv4 address)',
  teredo: 'a Teredo address (2001::/32, which embeds an IPv4 address)',
};

/** The class of `ip` (IPv4 or IPv6 text), or undefined when it is not an IP address. */
export function classifyAddress(ip: string): AddressClass | undefined {
  if (!ipaddr.isValid(ip)) return undefined;
  const parsed = ipaddr.parse(ip);
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) reaches the IPv4 address it carries.
  const mapped = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress();
  const addr = mapped ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  let range: string = addr.range();
  // IPv4-compatible IPv6 addresses (::a.b.c.d, deprecated by RFC 4291) are not global either.
  if (range === 'unicast' && addr.kind() === 'ipv6' && isIpv4Compatible(addr as ipaddr.IPv6))
    range = 'reserved';
  const label = LABELS[range] ?? `a special-purpose address (${range})`;
  return {
    address: addr.toString(),
    range,
    public: range === 'unicast',
    loopback: range === 'loopback',
    label: mapped ? `${label}, written IPv4-mapped` : label,
  };
}

function isIpv4Compatible(addr: ipaddr.IPv6): boolean {
  return addr.parts.slice(0, 6).every((p) => p === 0);
}
