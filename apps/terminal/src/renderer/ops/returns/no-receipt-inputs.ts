import type { CustomerDoc, OrderDoc } from '@store-os/shared';
import {
  noReceiptPolicyWith,
  noReceiptReturnHistory,
  type NoReceiptHistoryScope,
  type NoReceiptPolicySettings,
  type NoReceiptReturnPolicy,
  type NoReceiptReturnRecord,
  type PricePoint,
} from '@store-os/shared/omnichannel';
import type { PriceList } from '@store-os/shared';
import { catalogReader } from '../../catalog/catalog-reader';
import type { TerminalDatabase } from '../../db/terminal-database';
import { storeDocsOfType } from '../common/store-docs';
import { askServer, type ServerAccess } from '../common/ask-server';

/** Where this till's no-receipt settings are kept (JSON of `NoReceiptPolicySettings`). */
export const NO_RECEIPT_SETTINGS_KEY = 'store-os.no-receipt-policy';

/** The store's no-receipt policy: the shared default with this till's configured settings applied. */
export function readNoReceiptPolicy(
  currency: string,
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): NoReceiptReturnPolicy {
  const raw = storage?.getItem(NO_RECEIPT_SETTINGS_KEY);
  let settings: NoReceiptPolicySettings = {};
  if (raw) {
    try {
      settings = JSON.parse(raw) as NoReceiptPolicySettings;
    } catch {
      throw new Error(`The no-receipt settings (${NO_RECEIPT_SETTINGS_KEY}) are not valid JSON; fix them.`);
    }
  }
  return noReceiptPolicyWith(currency, settings);
}

/** The customer a no-receipt return is for: by id, loyalty card, phone or e-mail, in this store's data. */
export async function findCustomer(db: TerminalDatabase, query: string): Promise<CustomerDoc | undefined> {
  const q = query.trim();
  if (q === '') return undefined;
  const lower = q.toLowerCase();
  const digits = q.replace(/[^0-9]/g, '');
  const customers = await storeDocsOfType<CustomerDoc>(db, 'customer');
  return customers.find(
    (c) =>
      c.id === q ||
      c.loyaltyAccountId === q ||
      c.email?.toLowerCase() === lower ||
      (digits.length >= 6 && c.phone?.replace(/[^0-9]/g, '') === digits),
  );
}

/**
 * The prices the skus had, from the local catalog (the bulk catalog store in the browser): each price
 * document of the list counts from when it was last set. Works offline.
 */
export async function pricesOf(
  db: TerminalDatabase,
  skus: readonly string[],
  priceListId = 'base',
): Promise<{ history: PricePoint[]; list: PriceList | undefined }> {
  const found = await catalogReader(db).getMany(skus.map((sku) => `price:${priceListId}:${sku}`));
  const docs = found.flatMap((d) =>
    d
      ? [d as unknown as { sku: string; unitPrice: { amount: number; currency: string }; updatedAt: string }]
      : [],
  );
  const history = docs.map((p) => ({ sku: p.sku, unitPrice: p.unitPrice.amount, from: p.updatedAt }));
  const currency = docs[0]?.unitPrice.currency;
  const list = currency
    ? {
        id: priceListId,
        name: priceListId,
        currency,
        prices: Object.fromEntries(docs.map((p) => [p.sku, p.unitPrice.amount])),
      }
    : undefined;
  return { history, list };
}

/** The customer's earlier no-receipt returns, chain-wide when the server answers, else this store's. */
export interface NoReceiptHistory {
  readonly records: readonly NoReceiptReturnRecord[];
  readonly scope: NoReceiptHistoryScope;
  /** Why only this store's data was counted, when it was. */
  readonly why?: string;
}

/**
 * Counts the limits over this store's orders (works offline) united with the server's chain-wide list
 * (`/_omni/no-receipt-returns`), each return once; without the server the scope is `this-store`.
 */
export async function noReceiptHistoryOf(
  db: TerminalDatabase,
  access: ServerAccess,
  customerId: string,
): Promise<NoReceiptHistory> {
  const local = noReceiptReturnHistory(await storeDocsOfType<OrderDoc>(db, 'order'), customerId);
  const remote = await askServer<{ returns: NoReceiptReturnRecord[] }>(
    access,
    `no-receipt-returns?customerId=${encodeURIComponent(customerId)}`,
    "the customer's no-receipt returns at other stores",
  );
  if (!remote.ok) return { records: local, scope: 'this-store', why: remote.message };
  const byId = new Map(remote.body.returns.map((r) => [r.orderId, r]));
  for (const r of local) byId.set(r.orderId, r);
  return { records: [...byId.values()], scope: 'chain' };
}
