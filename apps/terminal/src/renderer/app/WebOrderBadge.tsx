import type { FulfillmentDoc } from '@store-os/shared';
import { useEffect, useMemo, useState } from 'react';
import { storeDocsOfType$ } from '../ops/common/store-docs';
import { loadSeen } from '../ops/pickup/seen-orders';
import type { TerminalContext } from './start-terminal';
import { useObservable } from './use-observable';
import { newWebOrderIds, webOrderBadgeLabel } from './web-order-badge';

const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
/** How often the badge re-reads what the web-order screen acknowledged (kept in local storage). */
const RECHECK_MS = 5_000;

/** A count of new web orders for this store, shown on the navigation's web-order button. */
export function WebOrderBadge({ context }: { context: TerminalContext }) {
  const fulfillments = useObservable(
    useMemo(() => storeDocsOfType$<FulfillmentDoc>(context.db, 'fulfillment'), [context.db]),
    [],
  );
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), RECHECK_MS);
    return () => clearInterval(timer);
  }, []);
  const count = useMemo(
    () =>
      newWebOrderIds({
        fulfillments,
        seen: loadSeen(storage),
        storeId: context.info.storeId,
        now: new Date().toISOString(),
      }).length,
    [fulfillments, tick, context.info.storeId],
  );
  if (count === 0) return null;
  return (
    <span role="status" className="badge" aria-label={webOrderBadgeLabel(count)}>
      {count}
    </span>
  );
}
