import type { LocationKind, RoutingLocation } from './route-fulfillment';

/** A location that can ship some of the demand, with the units per sku it can give. */
export interface CandidateLocation {
  readonly location: RoutingLocation;
  readonly units: ReadonlyMap<string, number>;
  /** Already ships part of the order, so adding units from it costs no extra shipment. */
  readonly alreadyUsed: boolean;
}

/**
 * Above this many subsets the exact search gives way to a greedy cover (largest coverage first,
 * nearest on ties). Real chains route among a few dozen candidates, where the exact search covers
 * plans of up to 3-4 shipments; the bound keeps a pathological request from stalling a till.
 */
export const EXACT_SEARCH_BUDGET = 20_000;

function coverage(subset: readonly CandidateLocation[], demand: ReadonlyMap<string, number>): number {
  let covered = 0;
  for (const [sku, wanted] of demand) {
    let have = 0;
    for (const c of subset) have += c.units.get(sku) ?? 0;
    covered += Math.min(wanted, have);
  }
  return covered;
}

/** Negative when `a` is the better plan of equal coverage and size (nearest, then kind, then ids). */
function compareSubsets(
  a: readonly CandidateLocation[],
  b: readonly CandidateLocation[],
  preferKind: LocationKind,
): number {
  const max = (s: readonly CandidateLocation[]) => Math.max(0, ...s.map((c) => c.location.rank));
  const total = (s: readonly CandidateLocation[]) => s.reduce((t, c) => t + c.location.rank, 0);
  const preferred = (s: readonly CandidateLocation[]) =>
    s.filter((c) => c.location.kind === preferKind).length;
  const ids = (s: readonly CandidateLocation[]) =>
    s
      .map((c) => c.location.locationId)
      .sort()
      .join('\u0000');
  const byIds = ids(a) < ids(b) ? -1 : ids(a) > ids(b) ? 1 : 0;
  return max(a) - max(b) || total(a) - total(b) || preferred(b) - preferred(a) || byIds;
}

/** Calls `visit` with every k-subset of `items` (in index order) until it returns false. */
function forEachCombination<T>(items: readonly T[], k: number, visit: (subset: T[]) => boolean): void {
  const picked: T[] = [];
  const walk = (start: number): boolean => {
    if (picked.length === k) return visit([...picked]);
    for (let i = start; i <= items.length - (k - picked.length); i += 1) {
      picked.push(items[i] as T);
      if (!walk(i + 1)) return false;
      picked.pop();
    }
    return true;
  };
  walk(0);
}

function greedyCover(
  free: readonly CandidateLocation[],
  open: readonly CandidateLocation[],
  demand: ReadonlyMap<string, number>,
  target: number,
): CandidateLocation[] {
  const chosen = [...free];
  const left = [...open];
  let covered = coverage(chosen, demand);
  while (covered < target && left.length > 0) {
    let bestIndex = 0;
    let bestGain = -1;
    left.forEach((c, i) => {
      const gain = coverage([...chosen, c], demand) - covered;
      if (gain > bestGain) [bestIndex, bestGain] = [i, gain];
    });
    const [best] = left.splice(bestIndex, 1);
    if (best === undefined || bestGain <= 0) break;
    chosen.push(best);
    covered += bestGain;
  }
  return chosen;
}

/**
 * The locations to ship `demand` from: the subset with the largest coverage and, among those, the
 * fewest new shipments, then the best by {@link compareSubsets}. Candidates must come nearest
 * first; the answer keeps that order, which is the order each sku is then taken in.
 */
export function chooseLocations(
  candidates: readonly CandidateLocation[],
  demand: ReadonlyMap<string, number>,
  preferKind: LocationKind,
): CandidateLocation[] {
  const useful = candidates.filter((c) =>
    [...demand].some(([sku, n]) => n > 0 && (c.units.get(sku) ?? 0) > 0),
  );
  const free = useful.filter((c) => c.alreadyUsed);
  const open = useful.filter((c) => !c.alreadyUsed);
  const target = coverage(useful, demand);
  const order = new Map(candidates.map((c, i) => [c, i]));
  const inOrder = (s: readonly CandidateLocation[]) =>
    [...s].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  let budget = EXACT_SEARCH_BUDGET;
  for (let k = 0; k <= open.length; k += 1) {
    let best: CandidateLocation[] | undefined;
    forEachCombination(open, k, (subset) => {
      budget -= 1;
      const all = [...free, ...subset];
      if (
        coverage(all, demand) === target &&
        (best === undefined || compareSubsets(all, best, preferKind) < 0)
      ) {
        best = all;
      }
      return budget > 0;
    });
    if (best !== undefined) return inOrder(best);
    if (budget <= 0) break;
  }
  return inOrder(greedyCover(free, open, demand, target));
}
