import type { JsonDocument } from '@store-os/shared/schemas';
import type { CatalogStore } from '../db/catalog-store';
import { catalogStoreOf, type TerminalDatabase } from '../db/terminal-database';
import { wordsOf } from './search-terms';

/** Reads products, barcodes and prices wherever the terminal keeps them. */
export interface CatalogReader {
  /** Documents by id in one read (undefined where missing). */
  getMany(ids: readonly string[]): Promise<(JsonDocument | undefined)[]>;
  /** The product with a variant of exactly this SKU. */
  productBySku(sku: string): Promise<JsonDocument | undefined>;
  /** The product with a variant carrying this in-store (scale label) item code. */
  productByInStoreCode(code: string): Promise<JsonDocument | undefined>;
  /** Up to `limit` products whose name words or SKU start with the query's words (all of them). */
  searchProducts(query: string, limit: number): Promise<JsonDocument[]>;
}

/**
 * How many index entries of its rarest word a several-word search reads at most (one request). A rarer
 * combination beyond them is found by typing more of it.
 */
const MAX_EXAMINED = 400;

/** The reader for this database: its catalog store when it has one, RxDB's `catalog` otherwise. */
export function catalogReader(db: TerminalDatabase): CatalogReader {
  const store = catalogStoreOf(db);
  return store ? storeReader(store) : rxdbReader(db);
}

function hasVariant(product: JsonDocument, test: (v: Record<string, unknown>) => boolean): boolean {
  const variants: unknown = product['variants'];
  return (
    Array.isArray(variants) &&
    variants.some((v: unknown) => typeof v === 'object' && v !== null && test(v as Record<string, unknown>))
  );
}

function storeReader(store: CatalogStore): CatalogReader {
  return {
    getMany: (ids) => store.getMany(ids),
    async productBySku(sku) {
      const found = await store.byTerm(sku.toLowerCase(), 20);
      return found.find((p) => hasVariant(p, (v) => v['sku'] === sku));
    },
    async productByInStoreCode(code) {
      return (await store.byTerm(`#${code}`, 1))[0];
    },
    async searchProducts(query, limit) {
      const words = [...new Set(wordsOf(query))];
      if (words.length === 0) return [];
      const accepts = (probe: string) => (terms: readonly string[]) =>
        words.every((w) => w === probe || terms.some((t) => t.startsWith(w)));
      const [first] = words;
      if (words.length === 1 && first !== undefined) {
        // One word: the first entries of its range are the answer (twice the limit covers a product
        // matched by two of its words).
        return store.byTermPrefix(first, limit, accepts(first), limit * 2, limit * 2);
      }
      // Several words: walk the rarest one's entries, keeping products whose terms match the others.
      const counts = await store.countPrefixes(words, MAX_EXAMINED + 1);
      let probe = first ?? '';
      let fewest = Number.POSITIVE_INFINITY;
      words.forEach((w, i) => {
        const n = counts[i] ?? 0;
        if (n < fewest) [probe, fewest] = [w, n];
      });
      if (fewest === 0) return [];
      return store.byTermPrefix(probe, limit, accepts(probe), MAX_EXAMINED, fewest);
    },
  };
}

/** Without a catalog store (Node tests): RxDB queries; the name search is a substring scan. */
function rxdbReader(db: TerminalDatabase): CatalogReader {
  const json = (d: { toJSON(): unknown } | null | undefined) => d?.toJSON() as JsonDocument | undefined;
  return {
    async getMany(ids) {
      const found = await db.catalog.findByIds([...ids]).exec();
      return ids.map((id) => json(found.get(id)));
    },
    async productBySku(sku) {
      return json(await db.catalog.findOne({ selector: { type: 'product', 'variants.sku': sku } }).exec());
    },
    async productByInStoreCode(code) {
      return json(
        await db.catalog.findOne({ selector: { type: 'product', 'variants.inStoreItemCodes': code } }).exec(),
      );
    },
    async searchProducts(query, limit) {
      const text = query.trim();
      if (text === '') return [];
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const docs = await db.catalog
        .find({ selector: { type: 'product', name: { $regex: escaped, $options: 'i' } }, limit })
        .exec();
      return docs.map((d) => d.toJSON() as JsonDocument);
    },
  };
}
