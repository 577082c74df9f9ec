// Resetting a staff member's PIN from HQ: the new PIN is hashed here (PBKDF2-SHA256, the staff
// document's scheme) and the staff document is rewritten in the store's database, so the store's
// terminals check the new PIN offline once it replicates. The PIN itself is never stored or logged.
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { MIN_PIN_HASH_ITERATIONS, type PinHash, type StaffDoc } from '@store-os/shared/schemas';
import { hashSlots } from '../auth/hash-slots';
import type { Principal } from '../auth/principal';
import type { Services } from '../http/context';
import { badRequest, CouchError, notFound } from '../http/couch-error';
import { writeCheckFor } from '../validation/write-validator';

const derive = promisify(pbkdf2);

/** A PIN: 4 to 8 digits. */
export function parsePin(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9]{4,8}$/.test(value))
    throw badRequest('Send `pin`: 4 to 8 digits.');
  return value;
}

export async function hashPin(pin: string, iterations = MIN_PIN_HASH_ITERATIONS): Promise<PinHash> {
  const salt = randomBytes(16);
  // On the thread pool beside the commits' fsync: at most half of it (auth/hash-slots.ts).
  const key = await hashSlots.run(() => derive(pin, Uint8Array.from(salt), iterations, 32, 'sha256'));
  return {
    algorithm: 'PBKDF2-SHA256',
    iterations,
    salt: salt.toString('base64'),
    hash: key.toString('base64'),
  };
}

/** Rewrites `staff:<userId>` in `store-<storeId>` with a new PIN hash; returns the new revision. */
export async function resetStaffPin(
  services: Services,
  principal: Principal,
  storeId: string,
  userId: string,
  pin: string,
  now: string,
): Promise<string> {
  const db = `store-${storeId}`;
  const info = services.store.info(db);
  if (!info) throw notFound(`Store ${storeId} does not exist.`);
  const id = `staff:${userId}`;
  const row = services.store.getWinner(info, id);
  if (!row || row.deleted === 1 || row.body === null)
    throw notFound(`No staff member ${userId} in store ${storeId}.`);
  const current = JSON.parse(row.body) as StaffDoc;
  const doc = { ...current, pin: await hashPin(pin), updatedAt: now, _id: id, _rev: row.winning_rev };
  // IT may reset PINs without write access to store data, so the write is checked with HQ's rules.
  const check = writeCheckFor({ name: principal.name, role: 'hq' }, db, services.validate);
  const [result] = await services.store.writeDocs(info, [doc], true, check);
  if (!result || 'error' in result)
    throw new CouchError(
      409,
      'conflict',
      `The PIN was not changed: ${result?.reason ?? 'no result'}; retry.`,
    );
  services.onStoreWrite(db);
  return result.rev;
}
