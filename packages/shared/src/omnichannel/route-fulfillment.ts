import { DomainError } from '../errors';
import type { StockLevelDoc } from '../schemas';
import { availableToSell } from '../stock';
import { chooseLocations } from './choose-locations';
import type { CandidateLocation } from './choose-locations';

/** What kind of place ships: a store (ship-from-store) or a warehouse. */
export type LocationKind = 'store' | 'warehouse';

/** A location eligible to fill a web or endless-aisle order, and how near it is to the customer. */
export interface RoutingLocation {
  readonly locationId: string;
  readonly kind: LocationKind;
  /** Distance or rank from the customer / selling store; lower is nearer (the selling store is 0). */
  readonly rank: number;
}

/** One line the customer asked for, in base units (items, or grams for a weighed sku). */
export interface RouteRequestLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** The part of a stock-level document routing reads: what can be promised, and how old that is. */
export type RoutingStockLevel = Pick<
  StockLevelDoc,
  'sku' | 'locationId' | 'onHand' | 'reserved' | 'safetyStock' | 'updatedAt'
>;

/** Store-configured routing knobs. */
export interface RoutingPolicy {
  /** A level not updated for longer than this is stale: used only after every fresh level, and flagged. */
  readonly staleAfterMs: number;
  /** On a full tie of distance, plans with more locations of this kind win (default `warehouse`). */
  readonly preferKind?: LocationKind;
}

/** Input of {@link routeFulfillment}. */
export interface RouteFulfillmentInput {
  readonly lines: readonly RouteRequestLine[];
  readonly locations: readonly RoutingLocation[];
  /** Levels from the `stock-levels` database; levels at locations not listed above are not eligible. */
  readonly levels: readonly RoutingStockLevel[];
  readonly policy: RoutingPolicy;
  /** Epoch ms from the caller's Clock; the age of each level is measured against it. */
  readonly now: number;
}

/** Units of one requested line sent from one location. */
export interface ShipmentLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
  /** Allocated from a stale level: confirm the goods are there before promising a date. */
  readonly stale: boolean;
}

/** Everything one location sends: one parcel / one pick list. */
export interface Shipment {
  readonly locationId: string;
  readonly kind: LocationKind;
  readonly rank: number;
  readonly lines: readonly ShipmentLine[];
  /** True when any line comes from a stale level. */
  readonly stale: boolean;
}

/** Units no eligible location can fill now. */
export interface BackorderLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

/** The chosen plan: shipments nearest first, backorders, and the levels that were too old to trust. */
export interface FulfillmentPlan {
  readonly shipments: readonly Shipment[];
  readonly backorders: readonly BackorderLine[];
  /** `<sku>@<locationId>` of every stale level the plan allocated from, sorted. */
  readonly staleLevels: readonly string[];
}

function checkInput(input: RouteFulfillmentInput): void {
  const lineIds = new Set<string>();
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError(
        'routing.bad-quantity',
        `Line ${line.lineId} (${line.sku}) asks for ${line.quantity}; give a whole positive quantity in base units.`,
        { lineId: line.lineId, quantity: line.quantity },
      );
    }
    if (lineIds.has(line.lineId)) {
      throw new DomainError(
        'routing.duplicate-line',
        `Line id ${line.lineId} appears twice; give every requested line its own id.`,
        { lineId: line.lineId },
      );
    }
    lineIds.add(line.lineId);
  }
  const locationIds = new Set<string>();
  for (const loc of input.locations) {
    if (!Number.isFinite(loc.rank) || loc.rank < 0) {
      throw new DomainError(
        'routing.bad-rank',
        `Location ${loc.locationId} has rank ${loc.rank}; give a distance or rank of 0 or more.`,
        { locationId: loc.locationId, rank: loc.rank },
      );
    }
    if (locationIds.has(loc.locationId)) {
      throw new DomainError(
        'routing.duplicate-location',
        `Location ${loc.locationId} is listed twice; list each location once with one rank.`,
        { locationId: loc.locationId },
      );
    }
    locationIds.add(loc.locationId);
  }
  if (!Number.isFinite(input.policy.staleAfterMs) || input.policy.staleAfterMs < 0) {
    throw new DomainError(
      'routing.bad-policy',
      `staleAfterMs is ${input.policy.staleAfterMs}; give the age in ms after which a level is stale.`,
      { staleAfterMs: input.policy.staleAfterMs },
    );
  }
}

/** Fresh and stale units per sku per location, from the eligible levels. */
function readLevels(input: RouteFulfillmentInput, skus: ReadonlySet<string>) {
  const eligible = new Set(input.locations.map((l) => l.locationId));
  const fresh = new Map<string, Map<string, number>>();
  const stale = new Map<string, Map<string, number>>();
  const seen = new Set<string>();
  for (const level of input.levels) {
    if (!skus.has(level.sku) || !eligible.has(level.locationId)) continue;
    const key = `${level.sku}@${level.locationId}`;
    if (seen.has(key)) {
      throw new DomainError(
        'routing.duplicate-level',
        `Two stock levels for ${level.sku} at ${level.locationId}; pass one level per sku and location.`,
        { sku: level.sku, locationId: level.locationId },
      );
    }
    seen.add(key);
    const units = Math.max(0, availableToSell(level, level.safetyStock ?? 0));
    if (units === 0) continue;
    const updated = Date.parse(level.updatedAt);
    const isStale = Number.isNaN(updated) || input.now - updated > input.policy.staleAfterMs;
    const target = isStale ? stale : fresh;
    let perLocation = target.get(level.locationId);
    if (perLocation === undefined) target.set(level.locationId, (perLocation = new Map<string, number>()));
    perLocation.set(level.sku, units);
  }
  return { fresh, stale };
}

const nearestFirst = (a: RoutingLocation, b: RoutingLocation) =>
  a.rank - b.rank || (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0);

/**
 * Chooses where each requested unit ships from. The rule, in order: (1) fill as many units as
 * possible, from fresh levels before any stale one; (2) use the fewest locations (shipments);
 * (3) nearest: the lower farthest rank, then the lower sum of ranks; (4) more locations of the
 * preferred kind; (5) the smaller sorted list of location ids. Within the chosen locations each
 * sku is taken nearest first. Never allocates more than a level makes available; what nothing can
 * fill is backordered. The plan depends only on the facts, not on the order they are given in.
 */
export function routeFulfillment(input: RouteFulfillmentInput): FulfillmentPlan {
  checkInput(input);
  const lines = [...input.lines].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
  const demand = new Map<string, number>();
  for (const line of lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
  const { fresh, stale } = readLevels(input, new Set(demand.keys()));
  const locations = [...input.locations].sort(nearestFirst);
  const preferKind = input.policy.preferKind ?? 'warehouse';

  // allocation[sku] = [locationId, units, stale][] in allocation order.
  const allocation = new Map<string, [RoutingLocation, number, boolean][]>();
  const remaining = new Map(demand);
  const used = new Set<string>();
  for (const [pool, isStale] of [
    [fresh, false],
    [stale, true],
  ] as const) {
    const candidates: CandidateLocation[] = locations
      .filter((l) => pool.has(l.locationId))
      .map((l) => ({
        location: l,
        units: pool.get(l.locationId) ?? new Map<string, number>(),
        alreadyUsed: used.has(l.locationId),
      }));
    const chosen = chooseLocations(candidates, remaining, preferKind);
    for (const [sku, wanted] of [...remaining]) {
      let left = wanted;
      for (const candidate of chosen) {
        if (left === 0) break;
        const take = Math.min(left, candidate.units.get(sku) ?? 0);
        if (take === 0) continue;
        left -= take;
        used.add(candidate.location.locationId);
        let list = allocation.get(sku);
        if (list === undefined) allocation.set(sku, (list = []));
        list.push([candidate.location, take, isStale]);
      }
      remaining.set(sku, left);
    }
  }
  return assemblePlan(lines, allocation, locations);
}

/** Hands each sku's allocated units to its requested lines (by line id) and groups them per location. */
function assemblePlan(
  lines: readonly RouteRequestLine[],
  allocation: ReadonlyMap<string, readonly [RoutingLocation, number, boolean][]>,
  locations: readonly RoutingLocation[],
): FulfillmentPlan {
  const perLocation = new Map<string, ShipmentLine[]>();
  const backorders: BackorderLine[] = [];
  const staleLevels = new Set<string>();
  const cursor = new Map<string, { index: number; left: number }>();
  for (const line of lines) {
    const parts = allocation.get(line.sku) ?? [];
    let c = cursor.get(line.sku);
    if (c === undefined) cursor.set(line.sku, (c = { index: 0, left: parts[0]?.[1] ?? 0 }));
    let need = line.quantity;
    while (need > 0 && c.index < parts.length) {
      const part = parts[c.index];
      if (part === undefined) break;
      const [location, , isStale] = part;
      const take = Math.min(need, c.left);
      if (take > 0) {
        let list = perLocation.get(location.locationId);
        if (list === undefined) perLocation.set(location.locationId, (list = []));
        list.push({ lineId: line.lineId, sku: line.sku, quantity: take, stale: isStale });
        if (isStale) staleLevels.add(`${line.sku}@${location.locationId}`);
        need -= take;
        c.left -= take;
      }
      if (c.left === 0) {
        c.index += 1;
        c.left = parts[c.index]?.[1] ?? 0;
      }
    }
    if (need > 0) backorders.push({ lineId: line.lineId, sku: line.sku, quantity: need });
  }
  const shipments: Shipment[] = [];
  for (const location of locations) {
    const list = perLocation.get(location.locationId);
    if (list === undefined) continue;
    shipments.push({
      locationId: location.locationId,
      kind: location.kind,
      rank: location.rank,
      lines: list,
      stale: list.some((l) => l.stale),
    });
  }
  return { shipments, backorders, staleLevels: [...staleLevels].sort() };
}
