import type { StaffDoc } from '@store-os/shared/schemas';
import { map, type Observable } from 'rxjs';
import type { TerminalDatabase } from '../db/terminal-database';

/** The store's active staff, live as the documents replicate (a new hire or a PIN reset arrives by sync). */
export function activeStaff$(db: TerminalDatabase, storeId: string): Observable<StaffDoc[]> {
  return db.store
    .find({ selector: { type: 'staff', storeId, status: 'active' } })
    .$.pipe(
      map((docs) =>
        docs
          .map((d) => d.toJSON() as unknown as StaffDoc)
          .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name)),
      ),
    );
}

/**
 * Puts the staff a standalone host was given into the local store collection, as replication would; they
 * are the host's, not this terminal's facts, so they are not marked as waiting for a server.
 */
export async function loadLocalStaff(
  db: TerminalDatabase,
  documents: readonly Record<string, unknown>[],
): Promise<void> {
  if (documents.length === 0) return;
  await db.store.bulkUpsert(documents.map((d) => ({ ...d }) as never));
}
