import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '@store-os/shared';
import { writeFileDurably } from '../write-file-durably';

/** How many wrong PINs in a row lock a person out, and for how long. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

/** Five wrong PINs lock the person out of this terminal for five minutes. */
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 5 * 60_000 };

interface Attempts {
  failures: number;
  lockedUntil: number | null;
}

/** Where one person stands: failures so far and, when locked, until when. */
export type LockoutState = Readonly<Attempts>;

/**
 * Consecutive wrong PINs per person, kept in the host's data folder (not the browser profile), so
 * neither a reload nor a wiped profile resets a lockout.
 */
export class PinLockout {
  private constructor(
    private readonly path: string,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy,
    private readonly attempts: Map<string, Attempts>,
  ) {}

  static async open(
    path: string,
    clock: Clock,
    policy: LockoutPolicy = DEFAULT_LOCKOUT,
  ): Promise<PinLockout> {
    const text = await readFile(path, 'utf8').catch(() => '{}');
    let stored: Record<string, Attempts> = {};
    try {
      stored = JSON.parse(text) as Record<string, Attempts>;
    } catch {
      // A damaged file forgets past failures; it cannot unlock anyone for longer than one lock period.
    }
    return new PinLockout(path, clock, policy, new Map(Object.entries(stored)));
  }

  /** The person's state now; a lock whose time has passed is over. */
  stateOf(userId: string): LockoutState {
    const a = this.attempts.get(userId);
    if (!a) return { failures: 0, lockedUntil: null };
    if (a.lockedUntil !== null && a.lockedUntil <= this.clock.now())
      return { failures: 0, lockedUntil: null };
    return a;
  }

  /** Records one PIN check and returns the state after it. */
  async record(userId: string, accepted: boolean): Promise<LockoutState> {
    const before = this.stateOf(userId);
    const failures = accepted ? 0 : before.failures + 1;
    const next: Attempts = {
      failures,
      lockedUntil: failures >= this.policy.maxFailures ? this.clock.now() + this.policy.lockMs : null,
    };
    if (failures === 0) this.attempts.delete(userId);
    else this.attempts.set(userId, next);
    await this.save();
    return next;
  }

  private saving: Promise<unknown> = Promise.resolve();

  private save(): Promise<void> {
    // Saves are serialised so two quick failures never write the temporary file at once.
    const next = this.saving.then(() => this.write());
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async write(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileDurably(this.path, JSON.stringify(Object.fromEntries(this.attempts)), { mode: 0o600 });
  }
}
