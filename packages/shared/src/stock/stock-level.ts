import type { MovementReason } from '../schemas';

/** The part of a movement document the ledger needs. */
export interface StockMovement {
  readonly id: string;
  readonly sku: string;
  readonly locationId: string;
  readonly delta: number;
  readonly reason: MovementReason;
  readonly createdAt?: string;
}

/** What one movement does to a level: reserve/release move the reserved bucket, the rest on hand. */
export interface MovementEffect {
  readonly onHand: number;
  readonly reserved: number;
}

/**
 * A stock level of one sku at one location as the sum of the movements in `applied`. Keeping the
 * applied ids is what makes application idempotent: a movement replicated twice counts once.
 */
export interface StockLevel {
  readonly sku: string;
  readonly locationId: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly applied: ReadonlySet<string>;
}

/** Key of a (sku, location) pair; `\u0000` cannot occur in either. */
export function levelKey(sku: string, locationId: string): string {
  return `${sku}\u0000${locationId}`;
}

/** Reserve and release move reserved units (a web order held for pickup); others move stock on hand. */
export function movementEffect(movement: Pick<StockMovement, 'delta' | 'reason'>): MovementEffect {
  return movement.reason === 'reserve' || movement.reason === 'release'
    ? { onHand: 0, reserved: movement.delta }
    : { onHand: movement.delta, reserved: 0 };
}

/** An empty level for a sku at a location. */
export function emptyLevel(sku: string, locationId: string): StockLevel {
  return { sku, locationId, onHand: 0, reserved: 0, applied: new Set() };
}

/**
 * Adds a movement to a level, unless it was already applied (same id): the server rolls levels up
 * incrementally from changes feeds that may repeat, so this must be idempotent.
 */
export function applyMovement(level: StockLevel, movement: StockMovement): StockLevel {
  if (level.applied.has(movement.id)) return level;
  if (movement.sku !== level.sku || movement.locationId !== level.locationId) return level;
  const effect = movementEffect(movement);
  const applied = new Set(level.applied);
  applied.add(movement.id);
  return {
    sku: level.sku,
    locationId: level.locationId,
    onHand: level.onHand + effect.onHand,
    reserved: level.reserved + effect.reserved,
    applied,
  };
}

/**
 * Rolls a batch of movements into a map of levels keyed by levelKey, returning a new map in which
 * only the touched levels are new objects. Movements already applied are ignored, as are repeats
 * within the batch.
 */
export function rollUp(
  levels: ReadonlyMap<string, StockLevel>,
  movements: Iterable<StockMovement>,
): Map<string, StockLevel> {
  const next = new Map(levels);
  const working = new Map<string, { onHand: number; reserved: number; applied: Set<string> }>();
  for (const movement of movements) {
    const key = levelKey(movement.sku, movement.locationId);
    let w = working.get(key);
    if (w === undefined) {
      const base = next.get(key) ?? emptyLevel(movement.sku, movement.locationId);
      w = { onHand: base.onHand, reserved: base.reserved, applied: new Set(base.applied) };
      working.set(key, w);
    }
    if (w.applied.has(movement.id)) continue;
    const effect = movementEffect(movement);
    w.onHand += effect.onHand;
    w.reserved += effect.reserved;
    w.applied.add(movement.id);
  }
  for (const [key, w] of working) {
    const [sku = '', locationId = ''] = key.split('\u0000');
    next.set(key, { sku, locationId, onHand: w.onHand, reserved: w.reserved, applied: w.applied });
  }
  return next;
}

/** Levels from scratch: the sum of every distinct movement per (sku, location). */
export function levelsFromMovements(movements: Iterable<StockMovement>): Map<string, StockLevel> {
  return rollUp(new Map(), movements);
}

/** What can be promised to a customer: on hand − reserved − safety stock (may be negative). */
export function availableToSell(level: Pick<StockLevel, 'onHand' | 'reserved'>, safetyStock = 0): number {
  return level.onHand - level.reserved - safetyStock;
}
