import { gs1CheckDigit } from '../catalog';
import type { DocumentType, JsonDocument } from '../schemas';
import { documentTypes } from '../schemas';
import { seededRandom } from './seeded-random';

// A demo catalog for `npm start`, e2e tests and benchmarks: a German store (VAT inclusive, document
// rounding), a second store, two tax rates, thousands of products with valid EAN-13 barcodes, loose
// produce sold by weight through in-store barcodes, and one promotion of each common kind. Documents
// are yielded lazily so a 300,000-SKU catalog never sits in memory at once.

/** What to generate. */
export interface DemoCatalogOptions {
  /** Number of products (one variant each). */
  readonly products: number;
  /** PRNG seed; the same seed gives byte-identical documents. */
  readonly seed?: number;
  /** `updatedAt` of every document (ISO date-time); passed in because the domain has no clock. */
  readonly updatedAt: string;
}

/** The demo store every terminal of `npm start` belongs to. */
export const DEMO_STORE_ID = 's001';
/** A second store, for "available elsewhere" and ship-from-store. */
export const DEMO_OTHER_STORE_ID = 's002';
/** The only price list of the demo. */
export const DEMO_PRICE_LIST_ID = 'base';
/** EAN-13 company prefix used for demo barcodes (GS1 Germany range 400–440). */
const COMPANY_PREFIX = '401234';

const GROUPS = [
  { id: 'coffee', taxCategoryId: 'reduced', nouns: ['Coffee', 'Espresso', 'Filter coffee', 'Cold brew'] },
  { id: 'tea', taxCategoryId: 'reduced', nouns: ['Green tea', 'Black tea', 'Chai', 'Herbal tea'] },
  { id: 'bakery', taxCategoryId: 'reduced', nouns: ['Sourdough', 'Croissant', 'Bagel', 'Rye bread'] },
  { id: 'snacks', taxCategoryId: 'reduced', nouns: ['Crisps', 'Pretzels', 'Chocolate bar', 'Trail mix'] },
  { id: 'drinks', taxCategoryId: 'standard', nouns: ['Sparkling water', 'Cola', 'Lemonade', 'Iced tea'] },
  { id: 'household', taxCategoryId: 'standard', nouns: ['Dish soap', 'Sponge', 'Candle', 'Matches'] },
  { id: 'apparel', taxCategoryId: 'standard', nouns: ['T-shirt', 'Socks', 'Beanie', 'Scarf'] },
  { id: 'stationery', taxCategoryId: 'standard', nouns: ['Notebook', 'Pencil', 'Pen', 'Sticky notes'] },
] as const;
const ADJECTIVES = ['Classic', 'Organic', 'Premium', 'Everyday', 'Fairtrade', 'Nordic', 'Alpine', 'Urban'];
const PRODUCE = ['Apples', 'Bananas', 'Tomatoes', 'Carrots', 'Grapes', 'Pears', 'Potatoes', 'Onions'];

/** The EAN-13 of the demo product with this index (valid check digit, unique per index < 1,000,000). */
export function demoBarcode(index: number): string {
  const body = COMPANY_PREFIX + String(index).padStart(6, '0');
  return body + String(gs1CheckDigit(body));
}

/** The sku of the demo product with this index. */
export function demoSku(index: number): string {
  return `SKU-${String(index).padStart(6, '0')}`;
}

function base(type: DocumentType, id: string, updatedAt: string): JsonDocument {
  return { id, type, schemaVersion: documentTypes[type].schemaVersion, updatedAt };
}

function* referenceData(updatedAt: string): Generator<JsonDocument> {
  const denominations = [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];
  const store = (storeId: string, name: string) => ({
    ...base('store', `store:${storeId}`, updatedAt),
    storeId,
    name,
    groups: ['demo'],
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    taxRegime: { pricesIncludeTax: true, rounding: 'document', mode: 'half-up' },
    locations: [
      { locationId: `${storeId}-floor`, name: 'Sales floor', kind: 'sales-floor' },
      { locationId: `${storeId}-back`, name: 'Back room', kind: 'backroom' },
    ],
    cashDenominations: denominations,
  });
  yield store(DEMO_STORE_ID, 'Demo Store Berlin Mitte');
  yield store(DEMO_OTHER_STORE_ID, 'Demo Store Hamburg Altona');
  yield { ...base('tax-rate', 'tax-rate:DE-S', updatedAt), rateId: 'DE-S', name: 'MwSt 19 %', percent: '19' };
  yield { ...base('tax-rate', 'tax-rate:DE-R', updatedAt), rateId: 'DE-R', name: 'MwSt 7 %', percent: '7' };
  yield { ...base('tax-rule', 'tax-rule:standard', updatedAt), taxCategoryId: 'standard', rateIds: ['DE-S'] };
  yield { ...base('tax-rule', 'tax-rule:reduced', updatedAt), taxCategoryId: 'reduced', rateIds: ['DE-R'] };
  yield {
    ...base('price-list', `price-list:${DEMO_PRICE_LIST_ID}`, updatedAt),
    priceListId: DEMO_PRICE_LIST_ID,
    name: 'Base prices',
    currency: 'EUR',
  };
}

function* promotions(updatedAt: string): Generator<JsonDocument> {
  const promo = (promotionId: string, name: string, reward: Record<string, unknown>) => ({
    ...base('promotion', `promotion:${promotionId}`, updatedAt),
    promotionId,
    name,
    currency: 'EUR',
    status: 'active',
    ...reward,
  });
  yield promo('coffee-10', 'Coffee −10 %', {
    kind: 'percent-off',
    target: { groupIds: ['coffee'] },
    percent: '10',
  });
  yield promo('snacks-3for2', 'Snacks 3 for 2', {
    kind: 'buy-x-get-y',
    buy: { groupIds: ['snacks'] },
    buyQuantity: 2,
    getQuantity: 1,
  });
  yield promo('drinks-any3', 'Any 3 drinks for €4', {
    kind: 'mix-and-match',
    target: { groupIds: ['drinks'] },
    quantity: 3,
    price: 400,
  });
  yield promo('spend-50', '€5 off when you spend €50', {
    kind: 'spend-threshold',
    threshold: 5000,
    amountOff: 500,
    stacking: 'stackable',
  });
  yield promo('welcome-coupon', 'Coupon WELCOME: 15 % off apparel', {
    kind: 'percent-off',
    target: { groupIds: ['apparel'] },
    percent: '15',
    couponCode: 'WELCOME',
  });
}

function* products(options: DemoCatalogOptions): Generator<JsonDocument> {
  const random = seededRandom(options.seed ?? 20261123);
  const { updatedAt } = options;
  for (let i = 0; i < options.products; i++) {
    const sku = demoSku(i);
    const productId = `P${String(i).padStart(6, '0')}`;
    const loose = i < PRODUCE.length;
    const group = GROUPS[i % GROUPS.length] ?? GROUPS[0];
    const name = loose
      ? `${PRODUCE[i] ?? 'Produce'} (loose)`
      : `${ADJECTIVES[Math.floor(random() * ADJECTIVES.length)] ?? ''} ${group.nouns[Math.floor(random() * group.nouns.length)] ?? ''} ${i}`;
    const barcode = demoBarcode(i);
    yield {
      ...base('product', `product:${productId}`, updatedAt),
      productId,
      name,
      taxCategoryId: loose ? 'reduced' : group.taxCategoryId,
      unit: loose ? 'kg' : 'each',
      groupIds: [loose ? 'produce' : group.id],
      status: 'active',
      variants: [
        {
          sku,
          barcodes: [barcode],
          ...(loose ? { inStoreItemCodes: [String(1000 + i).padStart(5, '0')] } : {}),
        },
      ],
    };
    yield { ...base('barcode', `barcode:${barcode}`, updatedAt), code: barcode, sku, productId };
    // Prices between €0.49 and €49.99, ending in 9, per item or per kg.
    const unitPrice = 49 + Math.floor(random() * 500) * 10;
    yield {
      ...base('price', `price:${DEMO_PRICE_LIST_ID}:${sku}`, updatedAt),
      priceListId: DEMO_PRICE_LIST_ID,
      sku,
      unitPrice: { amount: unitPrice, currency: 'EUR' },
    };
  }
}

/** Every catalog document of the demo, reference data first, then promotions, then products. */
export function* demoCatalog(options: DemoCatalogOptions): Generator<JsonDocument> {
  if (!Number.isSafeInteger(options.products) || options.products < 0 || options.products > 999_999) {
    throw new RangeError(`products must be an integer between 0 and 999,999, got ${options.products}`);
  }
  yield* referenceData(options.updatedAt);
  yield* promotions(options.updatedAt);
  yield* products(options);
}
