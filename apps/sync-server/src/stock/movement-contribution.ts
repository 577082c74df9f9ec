// How one movement document moves a level. Reserve and release move the reserved bucket; every other
// reason moves stock on hand (the reason's sign is already in `delta`, which the schema validated).
// TODO(shared): replace with packages/shared/src/stock's roll-up functions once they are published.
import type { Contribution } from './rollup-backend';

const RESERVED_REASONS = new Set(['reserve', 'release']);

/** The contribution of a stored movement, or null when the document is not a usable movement. */
export function movementContribution(
  storeDb: string,
  id: string,
  doc: Record<string, unknown> | undefined,
): Contribution | null {
  if (!doc || doc.type !== 'movement') return null;
  const { sku, locationId, delta, reason, storeId } = doc;
  if (
    typeof sku !== 'string' ||
    typeof locationId !== 'string' ||
    typeof delta !== 'number' ||
    !Number.isSafeInteger(delta)
  )
    return null;
  const reserved = typeof reason === 'string' && RESERVED_REASONS.has(reason);
  return {
    storeDb,
    movementId: id,
    storeId: typeof storeId === 'string' ? storeId : '',
    sku,
    locationId,
    onHand: reserved ? 0 : delta,
    reserved: reserved ? delta : 0,
  };
}
