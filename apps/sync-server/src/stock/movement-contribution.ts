// How one stored movement document moves a level, using the ledger rules of packages/shared
// (`movementEffect`: reserve and release move the reserved bucket, every other reason stock on hand).
import type { MovementReason } from '@store-os/shared/schemas';
import { movementEffect } from '@store-os/shared/stock';
import type { Contribution } from './rollup-backend';

/** The contribution of a stored movement, or null when the document is not a usable movement. */
export function movementContribution(
  storeDb: string,
  id: string,
  doc: Record<string, unknown> | undefined,
): Contribution | null {
  if (!doc || doc.type !== 'movement') return null;
  const { sku, locationId, delta, reason, storeId } = doc;
  if (typeof sku !== 'string' || typeof locationId !== 'string' || typeof reason !== 'string') return null;
  if (typeof delta !== 'number' || !Number.isSafeInteger(delta)) return null;
  // The reason was checked against the movement schema when the document was written.
  const effect = movementEffect({ delta, reason: reason as MovementReason });
  return {
    storeDb,
    movementId: id,
    storeId: typeof storeId === 'string' ? storeId : '',
    sku,
    locationId,
    onHand: effect.onHand,
    reserved: effect.reserved,
  };
}
