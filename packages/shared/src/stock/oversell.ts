import type { StockMovement } from './stock-level';
import { levelKey, movementEffect } from './stock-level';

/**
 * A level that went below zero: typically two offline terminals each sold the last unit. The sale is
 * real (goods left the store), so nothing is rejected; this is the alert a manager acts on.
 */
export interface NegativeStockAlert {
  readonly sku: string;
  readonly locationId: string;
  /** On hand after every movement; negative. */
  readonly onHand: number;
  /** Units missing: −onHand. */
  readonly shortBy: number;
  /** Movements that took the level from ≥ 0 to below zero, in time order (the ones to investigate). */
  readonly movementIds: readonly string[];
}

const byTimeThenId = (a: StockMovement, b: StockMovement): number => {
  const ta = a.createdAt ?? '';
  const tb = b.createdAt ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * Replays the merged movements in time order (ids break ties, so the answer is the same on every
 * node) and reports each (sku, location) whose on-hand ends below zero, with the movements that
 * went past zero. Duplicated movements count once.
 */
export function findNegativeStock(movements: Iterable<StockMovement>): NegativeStockAlert[] {
  const seen = new Set<string>();
  const perKey = new Map<string, StockMovement[]>();
  for (const m of movements) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const key = levelKey(m.sku, m.locationId);
    const list = perKey.get(key);
    if (list === undefined) perKey.set(key, [m]);
    else list.push(m);
  }
  const alerts: NegativeStockAlert[] = [];
  for (const list of perKey.values()) {
    list.sort(byTimeThenId);
    let onHand = 0;
    const culprits: string[] = [];
    for (const m of list) {
      const before = onHand;
      onHand += movementEffect(m).onHand;
      if (onHand < 0 && onHand < before) culprits.push(m.id);
      if (onHand >= 0) culprits.length = 0;
    }
    const first = list[0];
    if (onHand < 0 && first !== undefined) {
      alerts.push({
        sku: first.sku,
        locationId: first.locationId,
        onHand,
        shortBy: -onHand,
        movementIds: culprits,
      });
    }
  }
  return alerts.sort((a, b) =>
    a.sku === b.sku ? (a.locationId < b.locationId ? -1 : 1) : a.sku < b.sku ? -1 : 1,
  );
}
