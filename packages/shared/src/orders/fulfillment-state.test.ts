import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { FulfillmentDoc, FulfillmentState } from '../schemas';
import { documentExamples, exampleOrder, validateDocument } from '../schemas';
import {
  canTransition,
  expireOverdueFulfillments,
  fulfillmentStateRank,
  mergeFulfillments,
  newFulfillment,
  transitionFulfillment,
} from './fulfillment-state';

const base = documentExamples.fulfillment as unknown as FulfillmentDoc;
const states = Object.keys(fulfillmentStateRank) as FulfillmentState[];

describe('fulfillment state machine', () => {
  it('starts a web pickup order as a valid new fulfillment; a counter sale has none', () => {
    const order = { ...exampleOrder, channel: 'web', fulfillment: 'pickup' } as const;
    const doc = newFulfillment({ order, at: '2026-11-23T09:00:00.000Z', pickupCode: 'K7Q2' });
    expect(doc).toMatchObject({ id: `fulfillment:${order.id}`, state: 'new', method: 'pickup' });
    expect(validateDocument(doc).ok).toBe(true);
    expect(() => newFulfillment({ order: exampleOrder, at: '2026-11-23T09:00:00.000Z' })).toThrow(
      /handed over at the counter/,
    );
  });

  it('walks a pickup order new → picking → ready → collected, recording each step', () => {
    let doc: FulfillmentDoc = {
      ...base,
      state: 'new',
      history: [{ state: 'new', at: '2026-11-23T09:00:00.000Z' }],
    };
    doc = transitionFulfillment(doc, { to: 'picking', at: '2026-11-23T09:05:00.000Z', by: 'u1' });
    doc = transitionFulfillment(doc, { to: 'ready', at: '2026-11-23T09:20:00.000Z', by: 'u1' });
    doc = transitionFulfillment(doc, { to: 'collected', at: '2026-11-23T17:00:00.000Z', by: 'u2' });
    expect(doc.history.map((h) => h.state)).toEqual(['new', 'picking', 'ready', 'collected']);
    expect(doc.updatedAt).toBe('2026-11-23T17:00:00.000Z');
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('refuses a skipped step, a final state and the wrong method, saying what is allowed', () => {
    expect(() =>
      transitionFulfillment({ ...base, state: 'new' }, { to: 'ready', at: '2026-11-23T10:00:00Z' }),
    ).toThrow(/next can be: picking, cancelled/);
    try {
      transitionFulfillment({ ...base, state: 'collected' }, { to: 'cancelled', at: '2026-11-23T10:00:00Z' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'fulfillment.transition')).toBe(true);
      expect((error as Error).message).toMatch(/"collected" is final/);
    }
    expect(() =>
      transitionFulfillment({ ...base, state: 'ready' }, { to: 'shipped', at: '2026-11-23T10:00:00Z' }),
    ).toThrow(/collected, expired, cancelled/);
    expect(canTransition('ready', 'expired')).toBe(true);
    expect(canTransition('expired', 'ready')).toBe(false);
  });

  it('expires ready pickups past their hold, and only those', () => {
    const ready: FulfillmentDoc = {
      ...base,
      state: 'ready',
      holdUntil: '2026-11-25T18:00:00.000Z',
      history: [{ state: 'ready', at: '2026-11-23T09:00:00.000Z' }],
    };
    const notYet: FulfillmentDoc = { ...ready, id: 'fulfillment:x', holdUntil: '2026-11-30T18:00:00.000Z' };
    const expired = expireOverdueFulfillments(
      [ready, notYet, { ...base, state: 'picking' }],
      '2026-11-26T00:00:00.000Z',
    );
    expect(expired.map((d) => [d.id, d.state])).toEqual([[ready.id, 'expired']]);
  });

  it('resolves an offline collection against a server-side expiry in favour of the collection', () => {
    const ready: FulfillmentDoc = {
      ...base,
      state: 'ready',
      history: [{ state: 'ready', at: '2026-11-23T09:00:00.000Z' }],
    };
    const collected = transitionFulfillment(ready, {
      to: 'collected',
      at: '2026-11-25T09:00:00.000Z',
      by: 'u2',
    });
    const expired = transitionFulfillment(ready, { to: 'expired', at: '2026-11-26T00:00:00.000Z' });
    const merged = mergeFulfillments(expired, collected);
    expect(merged.state).toBe('collected');
    expect(merged.history.map((h) => h.state)).toEqual(['ready', 'collected', 'expired']);
    expect(merged.updatedAt).toBe('2026-11-26T00:00:00.000Z');
  });

  const arbitraryDoc = fc
    .record({
      state: fc.constantFrom(...states),
      steps: fc.array(
        fc.record({
          state: fc.constantFrom(...states),
          minute: fc.integer({ min: 0, max: 59 }),
          by: fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined }),
        }),
        { maxLength: 4 },
      ),
      minute: fc.integer({ min: 0, max: 59 }),
      pickupCode: fc.option(fc.constantFrom('AAAA', 'BBBB'), { nil: undefined }),
      trackingNumber: fc.option(fc.constantFrom('T1', 'T2'), { nil: undefined }),
    })
    .map(({ state, steps, minute, pickupCode, trackingNumber }): FulfillmentDoc => {
      const at = (m: number) => `2026-11-23T10:${String(m).padStart(2, '0')}:00.000Z`;
      const { pickupCode: _p, trackingNumber: _t, ...rest } = base;
      return {
        ...rest,
        state,
        history: steps.map((s) => ({
          state: s.state,
          at: at(s.minute),
          ...(s.by === undefined ? {} : { by: s.by }),
        })),
        updatedAt: at(minute),
        ...(pickupCode === undefined ? {} : { pickupCode }),
        ...(trackingNumber === undefined ? {} : { trackingNumber }),
      };
    });

  it('property: merge is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(arbitraryDoc, arbitraryDoc, arbitraryDoc, (a, b, c) => {
        expect(mergeFulfillments(a, b)).toEqual(mergeFulfillments(b, a));
        expect(mergeFulfillments(mergeFulfillments(a, b), c)).toEqual(
          mergeFulfillments(a, mergeFulfillments(b, c)),
        );
        const aa = mergeFulfillments(a, a);
        expect(mergeFulfillments(aa, aa)).toEqual(aa);
        expect(aa.state).toBe(a.state);
        expect(fulfillmentStateRank[mergeFulfillments(a, b).state]).toBe(
          Math.max(fulfillmentStateRank[a.state], fulfillmentStateRank[b.state]),
        );
      }),
      { numRuns: 300 },
    );
  });
});
