import { useEffect, useState } from 'react';
import { switchMap } from 'rxjs';
import { loadPricingContext, type PricingContext } from '../catalog/pricing-context';
import { StatusHeader } from '../components/StatusHeader';
import { ReplayStatus } from '../journal/ReplayStatus';
import { SessionGate } from '../session/SessionGate';
import { SignedInAs } from '../session/SignedInAs';
import { CatalogSyncStatus } from './CatalogSyncStatus';
import { screens } from './screens';
import type { TerminalContext } from './start-terminal';
import { WebOrderBadge } from './WebOrderBadge';

/**
 * Loads the pricing context from the local catalog, then shows the status header and, once someone has
 * signed in with their PIN, the navigation and the active screen inside the session.
 */
export function App({ context }: { context: TerminalContext }) {
  const [pricing, setPricing] = useState<PricingContext>();
  const [error, setError] = useState<string>();
  const [screenId, setScreenId] = useState(screens[0]?.id ?? 'sell');
  useEffect(() => {
    // The store, tax rates and rules arrive by replication, possibly after start: reload on every change.
    const subscription = context.db.catalog
      .find({ selector: { type: { $in: ['store', 'tax-rate', 'tax-rule'] } } })
      .$.pipe(switchMap(() => loadPricingContext(context.db, context.info.storeId)))
      .subscribe({ next: setPricing, error: (e: unknown) => setError(String(e)) });
    return () => subscription.unsubscribe();
  }, [context]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = screens.find((s) => s.shortcut === e.key);
      if (!target) return;
      e.preventDefault();
      setScreenId(target.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (error) return <p role="alert">The catalog could not be read: {error}</p>;
  if (!pricing)
    return (
      <>
        <p role="status">Loading the catalog…</p>
        <CatalogSyncStatus sync={context.replication?.catalogSync} />
      </>
    );
  const active = screens.find((s) => s.id === screenId) ?? screens[0];
  return (
    <div className="terminal">
      <StatusHeader context={context} />
      <ReplayStatus replay={context.replay} />
      <CatalogSyncStatus sync={context.replication?.catalogSync} />
      <SessionGate context={context}>
        <nav aria-label="Screens" className="screen-nav">
          {screens.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-current={s.id === active?.id ? 'page' : undefined}
              aria-keyshortcuts={s.shortcut}
              onClick={() => setScreenId(s.id)}
            >
              {s.title} {s.id === 'web-orders' && <WebOrderBadge context={context} />}
              <kbd>{s.shortcut}</kbd>
            </button>
          ))}
          <SignedInAs />
        </nav>
        {active && <active.Component context={context} pricing={pricing} />}
      </SessionGate>
    </div>
  );
}
