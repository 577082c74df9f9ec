import { useEffect, useState } from 'react';
import type { ConsoleUser } from '../access';
import type { Range } from '../api/hq-api';
import { fleet } from '../api/hq-api';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The last 30 business days up to today (UTC), every store the user may see. */
export function defaultRange(user: ConsoleUser): Range {
  const to = new Date();
  const from = new Date(to.getTime() - 29 * 86_400_000);
  return { from: day(from), to: day(to), stores: user.storeId ? [user.storeId] : [] };
}

/**
 * Date range and store picker. A store manager's store is fixed (the server refuses any other);
 * HQ picks one store or all.
 */
export function RangeFilter({
  user,
  value,
  onChange,
}: {
  user: ConsoleUser;
  value: Range;
  onChange: (r: Range) => void;
}) {
  const [stores, setStores] = useState<readonly { id: string; name: string }[]>([]);
  useEffect(() => {
    if (user.role === 'manager') return;
    const controller = new AbortController();
    fleet(controller.signal).then(
      (f) => setStores(f.stores),
      () => setStores([]),
    );
    return () => controller.abort();
  }, [user.role]);
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        From
        <input
          type="date"
          value={value.from}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
      </label>
      <label>
        To
        <input type="date" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
      </label>
      {user.role === 'manager' ? (
        <p>
          Store <strong>{user.storeId}</strong>
        </p>
      ) : (
        <label>
          Store
          <select
            value={value.stores[0] ?? ''}
            onChange={(e) => onChange({ ...value, stores: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">All stores</option>
            {stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.id})
              </option>
            ))}
          </select>
        </label>
      )}
    </form>
  );
}
