import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('allows scripts from the app only: no inline, no eval, no plugins, no framing', () => {
    const csp = directives(contentSecurityPolicy({ connect: [] }));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-inline'");
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain('*');
  });

  it('lets the renderer reach exactly the configured origins', () => {
    const csp = directives(
      contentSecurityPolicy({ connect: ['http://127.0.0.1:5984/', 'ws://127.0.0.1:4100/host?token=x'] }),
    );
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:5984', 'ws://127.0.0.1:4100']);
  });

  it('refuses a connect source that is not http(s) or ws(s)', () => {
    expect(() => contentSecurityPolicy({ connect: ['file:///etc'] })).toThrow(/http\(s\) or ws\(s\)/);
  });
});
