import type { HostResponse } from '@store-os/shared';
import type { StaffDoc } from '@store-os/shared/schemas';
import type { TerminalContext } from '../app/start-terminal';
import { recordAudit } from './audit-event';

/** What a PIN attempt came to, in words the person at the counter can act on. */
export type PinCheck =
  { readonly ok: true } | { readonly ok: false; readonly message: string; readonly locked: boolean };

function minutesUntil(epochMs: number): number {
  return Math.max(1, Math.ceil((epochMs - Date.now()) / 60_000));
}

/**
 * Checks a PIN through the host (which derives the slow hash and keeps the lockout count) and audits
 * the outcome: `purpose` is 'login' or what a manager is approving.
 */
export async function checkPin(
  context: TerminalContext,
  person: StaffDoc,
  pin: string,
  purpose: { readonly kind: 'login' } | { readonly kind: 'approval'; readonly reason: string },
): Promise<PinCheck> {
  if (!/^[0-9]{4,12}$/.test(pin)) return { ok: false, locked: false, message: 'A PIN is 4 to 12 digits.' };
  const result: HostResponse<'session.verifyPin'> = await context.host.invoke('session.verifyPin', {
    userId: person.userId,
    pin,
    credential: person.pin,
  });
  const details = purpose.kind === 'approval' ? { approving: purpose.reason } : {};
  if (result.outcome === 'accepted') {
    if (purpose.kind === 'login') await recordAudit(context, 'login', person.userId);
    return { ok: true };
  }
  await recordAudit(context, 'login-failed', person.userId, {
    ...details,
    failures: result.failures,
    ...(result.lockedUntil !== null ? { lockedUntil: new Date(result.lockedUntil).toISOString() } : {}),
  });
  if (result.outcome === 'locked' && result.lockedUntil !== null) {
    return {
      ok: false,
      locked: true,
      message: `${person.name} is locked out after too many wrong PINs; try again in ${minutesUntil(result.lockedUntil)} min or ask a manager.`,
    };
  }
  return {
    ok: false,
    locked: false,
    message: `Wrong PIN for ${person.name} (${result.failures} wrong in a row).`,
  };
}
