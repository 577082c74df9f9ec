import type { CatalogSyncProgress } from '../db/catalog-sync';

const count = (n: number) => n.toLocaleString('en-US');

/** Said until name search covers the local catalog (barcodes, SKUs and scale labels work meanwhile). */
const PREPARING = 'name search is being prepared (barcodes and SKUs work now)';

/**
 * The catalog's sync while it catches up, in words for the header: "Catalog: 12,000 of 300,000
 * documents, about 40 s left", and in every phase, until `searchReady`, that name search is being
 * prepared (so a cashier whose name search misses knows to scan or type the SKU). Empty when there is
 * nothing to say (search ready and live, stopped, or an update of a few documents after the first sync).
 */
export function catalogSyncText(progress: CatalogSyncProgress): string {
  const { phase, firstSyncComplete, docsDone, docsTotal, etaMs, searchReady } = progress;
  if (phase === 'stopped') return '';
  const search = searchReady ? '' : `; ${PREPARING}`;
  // The pull is done (live, or offline/starting again after it): only the search index may be pending.
  if (phase === 'live' || (firstSyncComplete && phase !== 'catching-up'))
    return firstSyncComplete && !searchReady ? `Catalog complete${search}.` : '';
  if (phase === 'offline') {
    const why = progress.error !== undefined ? ` (${progress.error})` : '';
    return `Catalog: ${count(docsDone)} documents so far; waiting for the server${why}${search}. Selling continues with what is local.`;
  }
  if (phase === 'starting') return `Catalog: asking the server what to fetch…${search}`;
  const of = docsTotal !== undefined ? ` of ${count(docsTotal)}` : '';
  const left = etaMs !== undefined ? `, about ${Math.max(1, Math.ceil(etaMs / 1000))} s left` : '';
  return `Catalog: ${count(docsDone)}${of} documents${left}${search}`;
}
