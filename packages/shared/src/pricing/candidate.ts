import type { Promotion, Stacking } from './promotion';

/**
 * The engine's view of an eligible promotion: the fields every hot loop reads, in one object shape
 * (promotions themselves come in a dozen shapes, which makes property reads slow on each scan).
 */
export interface Candidate {
  readonly id: string;
  readonly priority: number;
  readonly stacking: Stacking;
  /** Percent off, amount off, fixed price: decided unit by unit. */
  readonly perUnit: boolean;
  /** Buy X get Y, mix-and-match: decided set by set. */
  readonly set: boolean;
  readonly threshold: boolean;
  /** maxUsesPerOrder, or Infinity. */
  readonly cap: number;
  readonly promotion: Promotion;
}

/** Wraps a promotion for the engine, optionally under another stacking mode (an exclusive run alone). */
export function toCandidate(promotion: Promotion, stacking?: Stacking): Candidate {
  const kind = promotion.kind;
  return {
    id: promotion.id,
    priority: promotion.priority ?? 0,
    stacking: stacking ?? promotion.stacking ?? 'competing',
    perUnit: kind === 'percent-off' || kind === 'amount-off' || kind === 'fixed-price',
    set: kind === 'buy-x-get-y' || kind === 'mix-and-match',
    threshold: kind === 'spend-threshold',
    cap: promotion.maxUsesPerOrder ?? Number.POSITIVE_INFINITY,
    promotion,
  };
}

export function byCandidateId(a: Candidate, b: Candidate): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Priority class first (higher first), then id. */
export function byCandidatePriority(a: Candidate, b: Candidate): number {
  return b.priority - a.priority || byCandidateId(a, b);
}
