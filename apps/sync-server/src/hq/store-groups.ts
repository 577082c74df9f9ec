// Store groups: names HQ and IT give to sets of stores (a region, a pilot), kept in each store's
// `store` document in `catalog` (`groups`, store schema v2), so terminals replicate their own store's
// groups and an update's rollout cohort can name them. IT sets a store's groups here; the document is
// rewritten on top of its current revision with the HQ write rules (a v1 document is migrated to v2).
import { migrateDocument, type StoreDoc } from '@store-os/shared/schemas';
import type { Principal } from '../auth/principal';
import type { Services } from '../http/context';
import { badRequest, CouchError, notFound } from '../http/couch-error';
import { writeCheckFor } from '../validation/write-validator';

const GROUP = /^[A-Za-z0-9][A-Za-z0-9._~@+-]{0,63}$/;

/** The group names of every store that has a `store` document in `catalog`, by store id. */
export function storeGroupsOf(services: Services): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const catalog = services.store.info('catalog');
  if (!catalog) return out;
  const rows = services.store.range(
    catalog,
    {
      startkey: 'store:',
      endkey: 'store:\uffff',
      inclusiveEnd: true,
      descending: false,
      limit: 100_000,
      skip: 0,
    },
    true,
  );
  for (const row of rows) {
    if (!row.body) continue;
    const doc = JSON.parse(row.body) as Partial<StoreDoc>;
    if (doc.type !== 'store' || typeof doc.storeId !== 'string') continue;
    out.set(doc.storeId, Array.isArray(doc.groups) ? [...doc.groups] : []);
  }
  return out;
}

/** Every group with its stores, by group name. */
export function groupsWithStores(byStore: Map<string, string[]>): { group: string; storeIds: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const [storeId, names] of byStore)
    for (const name of names) groups.set(name, [...(groups.get(name) ?? []), storeId]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, storeIds]) => ({ group, storeIds: storeIds.sort() }));
}

/** Reads `groups` from a request body: 0 to 50 distinct plain names. */
export function parseGroups(value: unknown): string[] {
  if (
    !Array.isArray(value) ||
    value.length > 50 ||
    !value.every((g) => typeof g === 'string' && GROUP.test(g))
  )
    throw badRequest(
      'Send `groups`: up to 50 group names, each a letter or digit then letters, digits or . _ ~ @ + - (64 at most).',
    );
  const groups = [...new Set(value as string[])];
  return groups.sort();
}

/** Sets a store's groups in its `store` document; returns the new revision. */
export async function setStoreGroups(
  services: Services,
  principal: Principal,
  storeId: string,
  groups: string[],
  now: string,
): Promise<string> {
  const catalog = services.store.info('catalog');
  const id = `store:${storeId}`;
  const row = catalog ? services.store.getWinner(catalog, id) : undefined;
  if (!catalog || !row || row.deleted === 1 || row.body === null)
    throw notFound(`Store ${storeId} has no store document in the catalog; publish it first.`);
  const current = migrateDocument(JSON.parse(row.body) as Record<string, unknown>);
  const doc = { ...current, groups, updatedAt: now, _id: id, _rev: row.winning_rev };
  const check = writeCheckFor({ name: principal.name, role: 'hq' }, 'catalog', services.validate);
  const [result] = await services.store.writeDocs(catalog, [doc], true, check);
  if (!result || 'error' in result)
    throw new CouchError(
      409,
      'conflict',
      `The groups were not changed: ${result?.reason ?? 'no result'}; retry.`,
    );
  return result.rev;
}
