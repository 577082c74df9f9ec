import { describe, expect, it } from 'vitest';
import { isInRollout, rolloutBucket } from './rollout';

const ids = Array.from({ length: 1000 }, (_, i) => `t-${String(i + 1).padStart(4, '0')}`);
const everyone = (terminalId: string) => ({ terminalId, groups: [] as string[] });

describe('staged rollout', () => {
  it('gives each terminal the same bucket every time, in 0..99', () => {
    for (const id of ids.slice(0, 50)) {
      const bucket = rolloutBucket('1.4.0', id);
      expect(bucket).toBe(rolloutBucket('1.4.0', id));
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
    }
  });

  it('selects about half of 1,000 terminals at 50 % (within ±5 points, ~3 standard deviations)', () => {
    const rollout = { groups: [], percentage: 50 };
    const selected = ids.filter((id) => isInRollout(rollout, '1.4.0', everyone(id))).length;
    expect(selected).toBeGreaterThanOrEqual(450);
    expect(selected).toBeLessThanOrEqual(550);
  });

  it('spreads buckets evenly: every decile holds 70..130 of 1,000 sequential ids', () => {
    const deciles = Array.from({ length: 10 }, () => 0);
    for (const id of ids) {
      const d = Math.floor(rolloutBucket('2.0.0', id) / 10);
      deciles[d] = (deciles[d] ?? 0) + 1;
    }
    for (const count of deciles) {
      expect(count).toBeGreaterThanOrEqual(70);
      expect(count).toBeLessThanOrEqual(130);
    }
  });

  it('is monotonic: every terminal in at 20 % is still in at 50 %, and 0 % / 100 % mean none / all', () => {
    const at = (percentage: number) =>
      new Set(ids.filter((id) => isInRollout({ groups: [], percentage }, '1.4.0', everyone(id))));
    const twenty = at(20);
    const fifty = at(50);
    expect(twenty.size).toBeGreaterThan(100);
    for (const id of twenty) expect(fifty.has(id)).toBe(true);
    expect(at(0).size).toBe(0);
    expect(at(100).size).toBe(1000);
  });

  it('draws a different first cohort for a different release', () => {
    const first = (version: string) =>
      ids.filter((id) => isInRollout({ groups: [], percentage: 10 }, version, everyone(id)));
    expect(first('1.4.0')).not.toEqual(first('1.5.0'));
  });

  it('filters by store or terminal group before the percentage', () => {
    const rollout = { groups: ['pilot-stores', 'lab'], percentage: 100 };
    expect(isInRollout(rollout, '1.4.0', { terminalId: 't-1', groups: ['pilot-stores'] })).toBe(true);
    expect(isInRollout(rollout, '1.4.0', { terminalId: 't-2', groups: ['north', 'lab'] })).toBe(true);
    expect(isInRollout(rollout, '1.4.0', { terminalId: 't-3', groups: ['north'] })).toBe(false);
    expect(isInRollout(rollout, '1.4.0', { terminalId: 't-4', groups: [] })).toBe(false);
    const half = { groups: ['pilot-stores'], percentage: 50 };
    const pilots = ids.filter((id) =>
      isInRollout(half, '1.4.0', { terminalId: id, groups: ['pilot-stores'] }),
    );
    const others = ids.filter((id) => isInRollout(half, '1.4.0', { terminalId: id, groups: ['north'] }));
    expect(pilots.length).toBeGreaterThan(400);
    expect(others.length).toBe(0);
  });
});
