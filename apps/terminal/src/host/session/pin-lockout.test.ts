import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin, pinMatches } from './pin-hash';
import { PinLockout } from './pin-lockout';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pin-lockout-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('PIN hashes', () => {
  it('match only the PIN they were made from, with 600,000 iterations and a fresh salt each', async () => {
    const a = await hashPin('2468');
    const b = await hashPin('2468');
    expect(a.iterations).toBe(600_000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await pinMatches('2468', a)).toBe(true);
    expect(await pinMatches('2469', a)).toBe(false);
  });
});

describe('PinLockout', () => {
  it('locks a person after five wrong PINs in a row, for five minutes, across a restart', async () => {
    const clock = fixedClock(1_000_000);
    const path = join(dir, 'pin-lockout.json');
    const lockout = await PinLockout.open(path, clock);
    for (let i = 1; i <= 4; i += 1)
      expect(await lockout.record('c1', false)).toEqual({ failures: i, lockedUntil: null });
    expect(await lockout.record('c1', false)).toEqual({ failures: 5, lockedUntil: 1_000_000 + 300_000 });
    expect(lockout.stateOf('m1')).toEqual({ failures: 0, lockedUntil: null });
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const reopened = await PinLockout.open(path, clock);
    expect(reopened.stateOf('c1').lockedUntil).toBe(1_300_000);
    clock.advance(300_000);
    expect(reopened.stateOf('c1')).toEqual({ failures: 0, lockedUntil: null });
  });

  it('forgets failures after a right PIN', async () => {
    const lockout = await PinLockout.open(join(dir, 'l.json'), fixedClock(1));
    await lockout.record('c1', false);
    await lockout.record('c1', false);
    expect(await lockout.record('c1', true)).toEqual({ failures: 0, lockedUntil: null });
    expect((await lockout.record('c1', false)).failures).toBe(1);
  });
});
