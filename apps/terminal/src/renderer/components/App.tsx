import { useEffect, useState } from 'react';
import { switchMap } from 'rxjs';
import type { TerminalContext } from '../app/start-terminal';
import { loadPricingContext, type PricingContext } from '../catalog/pricing-context';
import { SellScreen } from './SellScreen';

/** Loads the pricing context from the local catalog, then shows the sell screen. */
export function App({ context }: { context: TerminalContext }) {
  const [pricing, setPricing] = useState<PricingContext>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    // The store, tax rates and rules arrive by replication, possibly after start: reload on every change.
    const subscription = context.db.catalog
      .find({ selector: { type: { $in: ['store', 'tax-rate', 'tax-rule'] } } })
      .$.pipe(switchMap(() => loadPricingContext(context.db, context.info.storeId)))
      .subscribe({ next: setPricing, error: (e: unknown) => setError(String(e)) });
    return () => subscription.unsubscribe();
  }, [context]);
  if (error) return <p role="alert">The catalog could not be read: {error}</p>;
  if (!pricing) return <p role="status">Loading the catalog…</p>;
  return <SellScreen context={context} pricing={pricing} />;
}
