import type { StaffDoc } from '@store-os/shared/schemas';
import { hashPin } from './pin-hash';

/** A person of the demo store, with the PIN `npm start` prints (demo only: real PINs are never printed). */
export interface DemoStaffMember {
  readonly userId: string;
  readonly name: string;
  readonly role: StaffDoc['role'];
  readonly pin: string;
}

/** The demo store's cashier and manager. */
export const DEMO_STAFF: readonly DemoStaffMember[] = [
  { userId: 'cashier-1', name: 'Chris Cashier', role: 'cashier', pin: '2468' },
  { userId: 'manager-1', name: 'Mona Manager', role: 'manager', pin: '1357' },
];

/** The demo cashier. */
export const DEMO_CASHIER = DEMO_STAFF[0] as DemoStaffMember;
/** The demo manager. */
export const DEMO_MANAGER = DEMO_STAFF[1] as DemoStaffMember;

/** Staff documents for the demo people of `storeId`, PINs hashed as in production. */
export async function demoStaffDocuments(storeId: string, now: string): Promise<StaffDoc[]> {
  return Promise.all(
    DEMO_STAFF.map(async (m) => ({
      id: `staff:${m.userId}`,
      type: 'staff' as const,
      schemaVersion: 1,
      userId: m.userId,
      storeId,
      name: m.name,
      role: m.role,
      pin: await hashPin(m.pin),
      status: 'active' as const,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
