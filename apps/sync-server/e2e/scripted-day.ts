// A day at a simulated terminal, written the way the terminal writes it: a shift, sales priced and
// built with the shared domain functions (cart → totals → order → movements), a close with its Z report,
// all pushed to the store database over the CouchDB API with the terminal's own credential.
import { randomBytes } from 'node:crypto';
import {
  addItem,
  buildCloseDoc,
  buildSaleOrder,
  calculateCartTotals,
  createIdFactory,
  emptyCart,
  indexPromotions,
  movementsForOrder,
  promotionsFromDocs,
  taxRegimeOf,
  taxTableFromDocs,
  type CartItem,
  type CloseDoc,
  type OrderDoc,
  type PromotionDoc,
  type ShiftDoc,
  type StoreDoc,
  type Tender,
  type TaxRateDoc,
  type TaxRuleDoc,
} from '@store-os/shared';
import { demoCatalog } from '@store-os/shared/demo';
import { CATALOG_UPDATED_AT, PRODUCTS, type ConsoleServer, type Credential } from './console-fixture';

/** What a terminal did in its day, for the test to compare with HQ. */
export interface TerminalDay {
  readonly orders: OrderDoc[];
  readonly close: CloseDoc;
}

const catalog = [...demoCatalog({ products: PRODUCTS, updatedAt: CATALOG_UPDATED_AT })];
const ofType = <T>(type: string) => catalog.filter((d) => d.type === type) as unknown as T[];

/** Items sold by the unit, as the terminal's catalog lookup would give them. */
const ITEMS: CartItem[] = ofType<{
  productId: string;
  name: string;
  unit: string;
  groupIds: string[];
  taxCategoryId: string;
  variants: { sku: string }[];
}>('product')
  .filter((p) => p.unit === 'each')
  .map((p) => {
    const sku = p.variants[0]?.sku ?? '';
    const price = catalog.find((d) => d.id === `price:base:${sku}`) as unknown as {
      unitPrice: { amount: number };
    };
    return {
      sku,
      name: p.name,
      productId: p.productId,
      groupIds: p.groupIds,
      taxCategoryId: p.taxCategoryId,
      unit: 'each',
      unitPrice: price.unitPrice.amount,
      priceSource: { kind: 'price-list', priceListId: 'base' },
    };
  });
const TAX_TABLE = taxTableFromDocs(ofType<TaxRateDoc>('tax-rate'), ofType<TaxRuleDoc>('tax-rule'));
const PROMOTIONS = indexPromotions(promotionsFromDocs(ofType<PromotionDoc>('promotion')));
const EUR_NOTES = [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];

/** The counted drawer as denominations (greedy), short by `shortBy` minor units. */
function countOut(amount: number, shortBy: number) {
  let left = amount - shortBy;
  return EUR_NOTES.map((denomination) => {
    const count = Math.floor(left / denomination);
    left -= count * denomination;
    return { denomination, count };
  });
}

/**
 * Runs one terminal's day: `sales` orders of 1–3 lines (cash with change, or card, alternating), then
 * the close counted `cashShortBy` short. Returns the documents the terminal wrote.
 */
export async function scriptedDay(
  server: ConsoleServer,
  terminal: Credential & { storeId: string },
  options: { sales: number; seed: number; cashShortBy: number; businessDate: string },
): Promise<TerminalDay> {
  const { storeId } = terminal;
  const store = catalog.find((d) => d.id === `store:${storeId}`) as unknown as StoreDoc;
  const clock = { now: () => Date.now() };
  const newId = createIdFactory({
    originId: terminal.name,
    clock,
    random: (n) => new Uint8Array(randomBytes(n)),
  });
  const createdAt = new Date().toISOString();
  const shift: ShiftDoc = {
    id: newId(),
    type: 'shift',
    schemaVersion: 1,
    storeId,
    terminalId: terminal.name,
    openedBy: 'u42',
    currency: 'EUR',
    openingFloat: { amount: 15000, currency: 'EUR' },
    businessDate: options.businessDate,
    createdAt,
  };
  const orders: OrderDoc[] = [];
  const movements: unknown[] = [];
  let pick = options.seed;
  const next = (n: number) => {
    pick = (pick * 1103515245 + 12345) % 2147483648;
    return pick % n;
  };
  for (let i = 0; i < options.sales; i++) {
    let cart = emptyCart({ id: newId(), storeId, currency: 'EUR' });
    const lines = 1 + next(3);
    for (let l = 0; l < lines; l++) {
      const item = ITEMS[next(ITEMS.length)];
      if (item) cart = addItem(cart, { item, quantity: 1 + next(3), newId });
    }
    const totals = calculateCartTotals({
      cart,
      promotions: PROMOTIONS,
      taxTable: TAX_TABLE,
      regime: taxRegimeOf(store),
      timeZone: store.timeZone,
      clock,
    });
    const due = totals.total.amount;
    const tender: Tender =
      i % 2 === 0
        ? { id: 't1', kind: 'cash', amount: Math.ceil((due + 1) / 500) * 500 }
        : {
            id: 't1',
            kind: 'card',
            amount: due,
            card: { maskedPan: '************4242', brand: 'visa', authCode: `A${1000 + i}` },
          };
    const order = buildSaleOrder({
      orderId: newId(),
      cart,
      totals,
      tenders: [tender],
      pricesIncludeTax: store.taxRegime.pricesIncludeTax,
      taxRates: TAX_TABLE.rates,
      clock,
      terminalId: terminal.name,
      cashierId: 'u42',
      shiftId: shift.id,
      businessDate: options.businessDate,
    });
    orders.push(order);
    movements.push(...movementsForOrder({ order, locationId: `${storeId}-floor`, newId }));
  }
  const input = {
    shift,
    orders,
    cashEvents: [],
    counted: { cash: [] as { denomination: number; count: number }[] },
  };
  // The manager counts the drawer: what it should hold, minus what went missing.
  const expectedCash = buildCloseDoc(input, { newId, closedBy: 'u42', createdAt }).tenders.find(
    (t) => t.tenderType === 'cash',
  )?.expected.amount;
  const close = buildCloseDoc(
    { ...input, counted: { cash: countOut(expectedCash ?? 0, options.cashShortBy) } },
    { newId, closedBy: 'u42', approvedBy: 'm7', createdAt: new Date().toISOString(), zNumber: 1 },
  );
  const docs = [shift, ...orders, ...movements, close].map((d) => ({
    ...(d as { id: string }),
    _id: (d as { id: string }).id,
  }));
  const answer = await server.call<{ id: string; error?: string; reason?: string }[]>(
    `/store-${storeId}/_bulk_docs`,
    {
      as: terminal,
      json: { docs },
    },
  );
  const refused = answer.filter((a) => a.error);
  if (refused.length > 0)
    throw new Error(`the server refused the terminal's documents: ${JSON.stringify(refused.slice(0, 3))}`);
  return { orders, close };
}
