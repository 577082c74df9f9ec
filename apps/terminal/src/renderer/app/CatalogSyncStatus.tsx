import type { CatalogSync } from '../db/catalog-sync';
import { useObservable } from './use-observable';
import { catalogSyncText } from './catalog-sync-text';

/** While the catalog catches up (the first sync above all): documents done of total and time left. */
export function CatalogSyncStatus({ sync }: { sync: CatalogSync | undefined }) {
  const progress = useObservable(sync?.progress$, sync?.progress);
  if (!progress) return null;
  const text = catalogSyncText(progress);
  if (text === '') return null;
  return (
    <p className="replay-status" role="status" aria-label="Catalog sync" data-testid="catalog-sync">
      {progress.docsTotal !== undefined && progress.phase === 'catching-up' ? (
        <progress max={progress.docsTotal} value={progress.docsDone} aria-hidden="true" />
      ) : null}
      <span>{text}</span>
    </p>
  );
}
