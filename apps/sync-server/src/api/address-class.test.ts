import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-class';

describe('address classes (where the server may connect on a subscriber’s behalf)', () => {
  it('calls only global unicast addresses public', () => {
    for (const ip of ['93.184.215.14', '8.8.8.8', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '2a00:1450::1'])
      expect(classifyAddress(ip), ip).toMatchObject({ public: true, loopback: false, range: 'unicast' });
  });

  it('names every internal or special class, IPv4-mapped forms included', () => {
    const cases: [string, string, RegExp][] = [
      ['127.0.0.1', 'loopback', /loopback/],
      ['127.8.9.10', 'loopback', /loopback/],
      ['::1', 'loopback', /loopback/],
      ['10.1.2.3', 'private', /private \(RFC 1918\)/],
      ['172.16.0.1', 'private', /RFC 1918/],
      ['172.31.255.254', 'private', /RFC 1918/],
      ['192.168.1.10', 'private', /RFC 1918/],
      ['169.254.169.254', 'linkLocal', /link-local.*metadata/],
      ['fe80::1', 'linkLocal', /link-local/],
      ['fd00::1', 'uniqueLocal', /unique-local/],
      ['fc12:3456::1', 'uniqueLocal', /unique-local/],
      ['100.64.0.1', 'carrierGradeNat', /carrier-grade NAT/],
      ['100.127.255.254', 'carrierGradeNat', /carrier-grade NAT/],
      ['0.0.0.0', 'unspecified', /unspecified/],
      ['::', 'unspecified', /unspecified/],
      ['224.0.0.1', 'multicast', /multicast/],
      ['ff02::1', 'multicast', /multicast/],
      ['255.255.255.255', 'broadcast', /broadcast/],
      ['192.0.2.1', 'reserved', /reserved/],
      ['240.0.0.1', 'reserved', /reserved/],
      ['198.18.0.1', 'reserved', /reserved/],
      ['2001:db8::1', 'reserved', /reserved/],
      ['fec0::1', 'deprecatedSiteLocal', /site-local/],
      // IPv4-mapped IPv6 reaches the IPv4 address it carries.
      ['::ffff:127.0.0.1', 'loopback', /loopback.*IPv4-mapped/],
      ['::ffff:7f00:1', 'loopback', /IPv4-mapped/],
      ['::ffff:10.0.0.1', 'private', /RFC 1918.*IPv4-mapped/],
      ['::ffff:a9fe:a9fe', 'linkLocal', /link-local.*IPv4-mapped/],
      // Forms that embed an IPv4 address reach it through a gateway: never public.
      ['64:ff9b::a00:1', 'rfc6052', /NAT64/],
      ['2002:a00:1::1', '6to4', /6to4/],
      ['::a00:1', 'reserved', /reserved/],
    ];
    for (const [ip, range, label] of cases) {
      const c = classifyAddress(ip);
      expect(c, ip).toMatchObject({ range, public: false });
      expect(c?.label, ip).toMatch(label);
    }
    expect(classifyAddress('::ffff:127.0.0.1')).toMatchObject({ address: '127.0.0.1', loopback: true });
  });

  it('answers undefined for what is not an address', () => {
    expect(classifyAddress('shop.example.com')).toBeUndefined();
    expect(classifyAddress('')).toBeUndefined();
  });
});
