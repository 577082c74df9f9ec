// Stock movements the API wrote that the stock roll-up has not summed into `stock-levels` yet. The
// roll-up runs shortly after each commit, so without this two web orders arriving together would both
// be routed to the same last unit; routing reads levels plus these pending effects.
//
// The roll-up records a movement's contribution and rewrites the level document in two steps, so a
// level document can lag the contributions table. Where that table can be read, a level's quantities are
// therefore taken from the table's sums (what the level document will say once written) plus the pending
// movements the table does not hold yet: a reservation is never forgotten before routing can see it.
import type Database from 'better-sqlite3';
import type { MovementDoc, StockLevelDoc } from '@store-os/shared/schemas';
import { movementEffect } from '@store-os/shared/stock';

interface Pending {
  storeDb: string;
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  addedAt: number;
}

/** If the roll-up's contributions table cannot be read, an entry is trusted to be rolled up after this. */
const FALLBACK_TTL_MS = 10_000;

/** The API's own movements not yet visible in stock levels. */
export class ReservationOverlay {
  private readonly pending = new Map<string, Pending>();
  private rolledUp: Database.Statement<[string, string], { one: number }> | undefined | null;
  private sums:
    | Database.Statement<[string, string], { on_hand: number | null; reserved: number | null }>
    | undefined
    | null;

  constructor(private readonly db: Database.Database) {}

  /** Records movements just written to `storeDb` (inside the writing transaction). */
  add(storeDb: string, movements: readonly MovementDoc[], now: number): void {
    for (const m of movements) {
      const effect = movementEffect(m);
      this.pending.set(m.id, { storeDb, sku: m.sku, locationId: m.locationId, ...effect, addedAt: now });
    }
  }

  /** Forgets movements whose write was rolled back. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.pending.delete(id);
  }

  private isRolledUp(id: string, p: Pending, now: number): boolean {
    if (this.rolledUp === undefined) {
      try {
        this.rolledUp = this.db.prepare(
          'SELECT 1 AS one FROM stock_contrib WHERE store_db = ? AND movement_id = ?',
        );
      } catch {
        this.rolledUp = null;
      }
    }
    if (this.rolledUp === null) return now - p.addedAt > FALLBACK_TTL_MS;
    return this.rolledUp.get(p.storeDb, id) !== undefined;
  }

  /** The roll-up's current sums per level, or null where its contributions table cannot be read. */
  private summed() {
    if (this.sums === undefined) {
      try {
        this.sums = this.db.prepare(
          'SELECT SUM(on_hand) AS on_hand, SUM(reserved) AS reserved FROM stock_contrib WHERE sku = ? AND location_id = ?',
        );
      } catch {
        this.sums = null;
      }
    }
    return this.sums;
  }

  /**
   * `levels` as routing must see them: the roll-up's sums (ahead of a level document not yet rewritten)
   * plus every pending movement the roll-up has not recorded (rolled-up ones are forgotten).
   */
  apply(levels: readonly StockLevelDoc[], now: number): StockLevelDoc[] {
    for (const [id, p] of this.pending) if (this.isRolledUp(id, p, now)) this.pending.delete(id);
    const sums = this.summed();
    if (this.pending.size === 0 && !sums) return [...levels];
    return levels.map((level) => {
      let { onHand, reserved } = level;
      if (sums) {
        const summed = sums.get(level.sku, level.locationId);
        onHand = summed?.on_hand ?? onHand;
        reserved = summed?.reserved ?? reserved;
      }
      for (const p of this.pending.values()) {
        if (p.sku !== level.sku || p.locationId !== level.locationId) continue;
        onHand += p.onHand;
        reserved += p.reserved;
      }
      return onHand === level.onHand && reserved === level.reserved ? level : { ...level, onHand, reserved };
    });
  }
}
