import type { JsonDocument } from '@store-os/shared/schemas';

/** The words of a query, lower-cased, split at anything but letters, digits and hyphens. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w !== '');
}

/** The words of a name: each hyphenated word whole and in its parts ("t-shirt", "t", "shirt"). */
function nameWordsOf(text: string): string[] {
  return wordsOf(text).flatMap((w) => (w.includes('-') ? [w, ...w.split('-').filter((p) => p !== '')] : [w]));
}

/**
 * What a product is found by in the sell screen's search: each word of its name, each variant's SKU
 * (lower-cased, whole) and each in-store item code as `#<code>`. These are the multi-entry index keys of
 * the catalog store, so a prefix search walks only matching entries.
 */
export function searchTermsOf(product: JsonDocument): string[] {
  const terms = new Set<string>();
  if (typeof product['name'] === 'string') for (const w of nameWordsOf(product['name'])) terms.add(w);
  for (const t of codeTermsOf(product)) terms.add(t);
  return [...terms];
}

/**
 * The exact-lookup part of searchTermsOf: each variant's SKU (lower-cased) and `#<in-store item code>`,
 * one or two per product. A first sync writes these with each page, so typed SKUs and scale labels work
 * as soon as a batch is local; the name words follow after the catch-up.
 */
export function codeTermsOf(product: JsonDocument): string[] {
  const terms = new Set<string>();
  const variants = Array.isArray(product['variants']) ? (product['variants'] as unknown[]) : [];
  for (const variant of variants) {
    if (typeof variant !== 'object' || variant === null) continue;
    const v = variant as { sku?: unknown; inStoreItemCodes?: unknown };
    if (typeof v.sku === 'string') terms.add(v.sku.toLowerCase());
    if (Array.isArray(v.inStoreItemCodes))
      for (const code of v.inStoreItemCodes) if (typeof code === 'string') terms.add(`#${code}`);
  }
  return [...terms];
}
