import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { canonicalJson, keyListSigningText, manifestSigningText } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys were written in, at every depth', () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: 'é"\n' } };
    const b = { a: { c: 'é"\n', d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"é\\"\\n","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, '€': 4, '10': 5, '9': 6 })).toBe(
      '{"10":5,"9":6,"B":2,"a":3,"b":1,"€":4}',
    );
  });

  it('refuses floats and non-JSON values instead of signing an ambiguous text', () => {
    for (const bad of [{ x: 1.5 }, { x: Number.NaN }, [() => 1], { x: 2 ** 60 }]) {
      let thrown: unknown;
      try {
        canonicalJson(bad);
      } catch (error) {
        thrown = error;
      }
      expect(isDomainError(thrown, 'update.not-canonical')).toBe(true);
    }
  });

  it('separates manifest and key-list signing texts so one signature cannot stand for the other', () => {
    const doc = { serial: 1 };
    expect(manifestSigningText(doc)).not.toBe(keyListSigningText(doc));
    expect(manifestSigningText(doc).endsWith('{"serial":1}')).toBe(true);
  });
});
