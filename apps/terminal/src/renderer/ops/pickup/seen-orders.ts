/** Where this terminal remembers which web orders it has already shown (the notification badge). */
const KEY = 'store-os.ops.seen-web-orders';

/** The fulfillment ids this terminal has shown, from local storage (empty when unreadable). */
export function loadSeen(storage: Pick<Storage, 'getItem'> | undefined): Set<string> {
  try {
    const raw = storage?.getItem(KEY);
    const ids: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Remembers the shown ids, keeping only those still active so the list never grows without bound. */
export function saveSeen(
  storage: Pick<Storage, 'setItem'> | undefined,
  seen: ReadonlySet<string>,
  active: readonly string[],
): Set<string> {
  const keep = new Set([...seen].filter((id) => active.includes(id)));
  storage?.setItem(KEY, JSON.stringify([...keep]));
  return keep;
}
