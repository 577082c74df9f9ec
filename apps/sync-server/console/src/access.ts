// Which console pages each role sees. The server enforces every permission on its own; this only keeps
// a person from being offered what they may not do (a store manager sees their one store).

/** Who is signed in, as the console understands the server's `_session` roles. */
export interface ConsoleUser {
  readonly name: string;
  readonly role: 'admin' | 'hq' | 'it' | 'manager';
  /** The manager's one store. */
  readonly storeId?: string;
}

/** A console page, also its path under `/_hq/`. */
export type PageId =
  | 'sales'
  | 'stock'
  | 'closes'
  | 'reconciliation'
  | 'catalog'
  | 'customers'
  | 'fleet'
  | 'updates'
  | 'webhooks';

/** Page titles in navigation order. */
export const PAGES: readonly { readonly id: PageId; readonly title: string }[] = [
  { id: 'sales', title: 'Sales' },
  { id: 'stock', title: 'Stock' },
  { id: 'closes', title: 'Closes' },
  { id: 'reconciliation', title: 'Reconciliation' },
  { id: 'catalog', title: 'Catalog' },
  { id: 'customers', title: 'Customers' },
  { id: 'fleet', title: 'Fleet' },
  { id: 'updates', title: 'Updates' },
  { id: 'webhooks', title: 'Webhooks' },
];

const BY_ROLE: Readonly<Record<ConsoleUser['role'], readonly PageId[]>> = {
  admin: PAGES.map((p) => p.id),
  hq: PAGES.map((p) => p.id),
  it: ['fleet', 'updates'],
  manager: ['sales', 'stock', 'closes', 'reconciliation', 'fleet'],
};

/** The pages this user may open, in navigation order. */
export function pagesFor(user: ConsoleUser): readonly PageId[] {
  return BY_ROLE[user.role];
}

/** Whether the user may change the catalog, enroll terminals, reset PINs… (the server decides too). */
export const can = {
  enrollTerminals: (u: ConsoleUser) => u.role === 'admin' || u.role === 'it',
  manageStoreGroups: (u: ConsoleUser) => u.role === 'admin' || u.role === 'hq' || u.role === 'it',
  publishCatalog: (u: ConsoleUser) => u.role === 'admin' || u.role === 'hq',
  mergeCustomers: (u: ConsoleUser) => u.role === 'admin' || u.role === 'hq',
};

/**
 * Reads the server's CouchDB-style session roles (`_admin`, `hq`, `it`, `manager` + `store:<id>`).
 * Terminals and unknown roles get no console: undefined.
 */
export function userFromSession(name: string | null, roles: readonly string[]): ConsoleUser | undefined {
  if (!name) return undefined;
  if (roles.includes('_admin')) return { name, role: 'admin' };
  if (roles.includes('hq')) return { name, role: 'hq' };
  if (roles.includes('it')) return { name, role: 'it' };
  if (roles.includes('manager')) {
    const store = roles.find((r) => r.startsWith('store:'))?.slice('store:'.length);
    return store ? { name, role: 'manager', storeId: store } : undefined;
  }
  return undefined;
}

/** The page a path under `/_hq/` names, when this user may see it; else their first page. */
export function pageForPath(pathname: string, user: ConsoleUser): PageId {
  const allowed = pagesFor(user);
  const wanted = pathname.replace(/^\/_hq\/?/, '').split('/')[0] ?? '';
  const hit = allowed.find((p) => p === wanted);
  return hit ?? allowed[0] ?? 'sales';
}
