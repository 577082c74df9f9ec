import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import type { RandomSource } from '../clock';
import { isDomainError } from '../errors';
import { createIdFactory, isDocumentId, parseDocumentId, tryParseDocumentId } from './document-id';
import { naturalId, stockLevelId } from './natural-id';

/** Deterministic bytes from a seed (xorshift), standing in for crypto.getRandomValues. */
function seededRandom(seed: number): RandomSource {
  let x = seed | 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

describe('document ids', () => {
  const T0 = Date.UTC(2026, 10, 23, 14, 0, 0);

  it('are <terminalId>-<ULID> with the clock time encoded', () => {
    const next = createIdFactory({ originId: 's001-t01', clock: fixedClock(T0), random: seededRandom(7) });
    const id = next();
    expect(id).toMatch(/^s001-t01-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(parseDocumentId(id)).toMatchObject({ originId: 's001-t01', createdAtMs: T0 });
  });

  it('are reproducible from the same clock and random source', () => {
    const a = createIdFactory({ originId: 't', clock: fixedClock(T0), random: seededRandom(3) });
    const b = createIdFactory({ originId: 't', clock: fixedClock(T0), random: seededRandom(3) });
    expect([a(), a()]).toEqual([b(), b()]);
  });

  it('strictly increase within a factory, even in the same ms or when the clock steps back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (steps, seed) => {
          const clock = fixedClock(T0);
          const next = createIdFactory({ originId: 's1-t1', clock, random: seededRandom(seed) });
          let previous = next();
          for (const step of steps) {
            clock.advance(step);
            const id = next();
            expect(id > previous).toBe(true);
            previous = id;
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuse bad origins and a clock at zero (ulid would silently use the wall clock)', () => {
    expect(() => createIdFactory({ originId: '_t', clock: fixedClock(T0), random: seededRandom(1) })).toThrow(
      /letters, digits/,
    );
    const next = createIdFactory({ originId: 't1', clock: fixedClock(0), random: seededRandom(1) });
    try {
      next();
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'id.bad-clock')).toBe(true);
    }
  });

  it('parse only well-formed ids', () => {
    expect(isDocumentId('s001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0B')).toBe(true);
    expect(tryParseDocumentId('s001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0I')).toBeUndefined(); // I is not Crockford
    expect(tryParseDocumentId('01JD5Z8Q2W3E4R5T6Y7V8X9A0B')).toBeUndefined(); // no origin
    expect(tryParseDocumentId('s001_01JD5Z8Q2W3E4R5T6Y7V8X9A0B')).toBeUndefined();
    expect(() => parseDocumentId('order-1')).toThrow(/<terminalId>-<26-character ULID>/);
  });

  it('build natural ids from safe parts only', () => {
    expect(naturalId('price', 'base', 'SKU-1')).toBe('price:base:SKU-1');
    expect(stockLevelId('SKU-1', 's001-floor')).toBe('stock-level:SKU-1:s001-floor');
    expect(() => naturalId('product', 'a:b')).toThrow(/no ":"/);
    expect(() => naturalId('product', 'x'.repeat(130))).toThrow(/limit is 128/);
  });
});
