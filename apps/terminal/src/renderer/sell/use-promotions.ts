import {
  indexPromotions,
  promotionsFromDocs,
  type PromotionDoc,
  type PromotionIndex,
} from '@store-os/shared';
import { useEffect, useState } from 'react';
import type { TerminalDatabase } from '../db/terminal-database';

/**
 * The active promotions of the local catalog, re-indexed whenever HQ publishes a change (they arrive by
 * replication, possibly after the screen opened). Starts from the pricing context's index.
 */
export function usePromotions(
  db: TerminalDatabase,
  currency: string,
  initial: PromotionIndex,
): PromotionIndex {
  const [index, setIndex] = useState(initial);
  useEffect(() => {
    const subscription = db.catalog.find({ selector: { type: 'promotion' } }).$.subscribe((docs) => {
      const promotions = promotionsFromDocs(docs.map((d) => d.toJSON() as unknown as PromotionDoc)).filter(
        (p) => p.currency === currency,
      );
      setIndex(indexPromotions(promotions));
    });
    return () => subscription.unsubscribe();
  }, [db, currency]);
  return index;
}
