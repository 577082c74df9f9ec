// What can be promised of one sku at one location, as the integration API reports it everywhere: the
// `GET /_api/stock` answer and the `stock.changed` webhook payload are built here, so a shop that
// reads one and listens to the other never sees two different figures for the same level.
import type { StockAvailability } from '@store-os/shared/integration';
import type { StockLevelDoc } from '@store-os/shared/schemas';
import { availableToSell } from '@store-os/shared/stock';

/** A level's availability without its age (the webhook payload: its age depends on when it is read). */
export type LevelAvailability = Omit<StockAvailability, 'ageMs'>;

/** A level's availability: available = max(0, onHand − reserved − safetyStock). */
export function levelAvailability(level: StockLevelDoc): LevelAvailability {
  return {
    sku: level.sku,
    locationId: level.locationId,
    ...(level.storeId === undefined ? {} : { storeId: level.storeId }),
    onHand: level.onHand,
    reserved: level.reserved,
    available: Math.max(0, availableToSell(level, level.safetyStock ?? 0)),
    updatedAt: level.updatedAt,
  };
}

/** A level's availability read at `now`, with how old the level is (`GET /_api/stock`). */
export function availability(level: StockLevelDoc, now: number): StockAvailability {
  const updated = Date.parse(level.updatedAt);
  return { ...levelAvailability(level), ageMs: Number.isNaN(updated) ? 0 : Math.max(0, now - updated) };
}
