import { describe, expect, it } from 'vitest';
import { pageForPath, pagesFor, userFromSession } from './access';

describe('console access by role', () => {
  it('reads the server session roles, refusing terminals and a manager without a store', () => {
    expect(userFromSession('root', ['_admin'])).toEqual({ name: 'root', role: 'admin' });
    expect(userFromSession('ann', ['manager', 'store:s002'])).toEqual({
      name: 'ann',
      role: 'manager',
      storeId: 's002',
    });
    expect(userFromSession('t1', ['terminal', 'store:s001'])).toBeUndefined();
    expect(userFromSession('m', ['manager'])).toBeUndefined();
    expect(userFromSession(null, [])).toBeUndefined();
  });

  it('offers IT only fleet and updates, a manager only their store pages, HQ everything', () => {
    expect(pagesFor({ name: 'i', role: 'it' })).toEqual(['fleet', 'updates']);
    expect(pagesFor({ name: 'm', role: 'manager', storeId: 's1' })).toEqual([
      'sales',
      'stock',
      'closes',
      'reconciliation',
      'fleet',
    ]);
    expect(pagesFor({ name: 'h', role: 'hq' })).toHaveLength(9);
  });

  it('sends a path the role may not open to its first page', () => {
    const it = { name: 'i', role: 'it' } as const;
    expect(pageForPath('/_hq/updates', it)).toBe('updates');
    expect(pageForPath('/_hq/sales', it)).toBe('fleet');
    expect(pageForPath('/_hq/', { name: 'h', role: 'hq' })).toBe('sales');
  });
});
