import { useEffect, useState } from 'react';
import type { TerminalContext } from '../app/start-terminal';
import { loadPricingContext, type PricingContext } from '../catalog/pricing-context';
import { SellScreen } from './SellScreen';

/** Loads the pricing context from the local catalog, then shows the sell screen. */
export function App({ context }: { context: TerminalContext }) {
  const [pricing, setPricing] = useState<PricingContext>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    loadPricingContext(context.db, context.info.storeId).then(setPricing, (e: unknown) =>
      setError(String(e)),
    );
  }, [context]);
  if (error) return <p role="alert">The catalog could not be read: {error}</p>;
  if (!pricing) return <p role="status">Loading the catalog…</p>;
  return <SellScreen context={context} pricing={pricing} />;
}
