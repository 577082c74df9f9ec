import { useState } from 'react';
import { can, type ConsoleUser } from '../access';
import { publish, type CatalogDoc, type PublishResult } from '../api/catalog';
import { messageOf } from '../api/http';
import { CatalogCsv } from './catalog-csv';
import { CatalogProducts } from './catalog-products';
import { CatalogPromotions } from './catalog-promotions';

type Tab = 'products' | 'promotions' | 'csv';
const TABS: readonly [Tab, string][] = [
  ['products', 'Products and prices'],
  ['promotions', 'Promotions'],
  ['csv', 'CSV import and export'],
];

/** Stages a changed document for the next publish (a later edit of the same id replaces it). */
export type Stage = (doc: CatalogDoc) => void;

/**
 * Catalog, prices and promotions. Edits are staged and published together in one write to the
 * `catalog` database, which every terminal replicates live.
 */
export function CatalogPage({ user }: { user: ConsoleUser }) {
  const [tab, setTab] = useState<Tab>('products');
  const [staged, setStaged] = useState<ReadonlyMap<string, CatalogDoc>>(new Map());
  const [results, setResults] = useState<PublishResult[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [round, setRound] = useState(0);
  const stage: Stage = (doc) => setStaged((m) => new Map(m).set(doc._id, doc));
  const editable = can.publishCatalog(user);

  const doPublish = () => {
    setError(undefined);
    publish([...staged.values()]).then(
      (r) => {
        setResults(r);
        const failed = new Set(r.filter((x) => !x.ok).map((x) => x.id));
        setStaged((m) => new Map([...m].filter(([id]) => failed.has(id))));
        setRound((n) => n + 1);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  };

  return (
    <>
      <h1 id="page-title">Catalog</h1>
      <div role="tablist" aria-label="Catalog sections" className="tabs">
        {TABS.map(([id, title]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const i = TABS.findIndex(([t]) => t === id);
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              const next = TABS[(i + step + TABS.length) % TABS.length];
              if (next) {
                setTab(next[0]);
                document.getElementById(`tab-${next[0]}`)?.focus();
              }
            }}
          >
            {title}
          </button>
        ))}
      </div>
      {editable ? (
        <section aria-label="Changes to publish" className="panel publish">
          <p>
            {staged.size === 0
              ? 'No unpublished changes.'
              : `${staged.size} unpublished change${staged.size === 1 ? '' : 's'}: ${[...staged.keys()].join(', ')}`}
          </p>
          <button type="button" onClick={doPublish} disabled={staged.size === 0}>
            Publish {staged.size} change{staged.size === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={() => setStaged(new Map())} disabled={staged.size === 0}>
            Discard changes
          </button>
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : null}
          {results ? (
            <div role="status">
              Published {results.filter((r) => r.ok).length} of {results.length}.
              {results
                .filter((r) => !r.ok)
                .map((r) => (
                  <p key={r.id} className="error">
                    {r.id}: {r.reason}
                  </p>
                ))}
            </div>
          ) : null}
        </section>
      ) : null}
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'products' ? (
          <CatalogProducts key={round} stage={stage} editable={editable} staged={staged} />
        ) : null}
        {tab === 'promotions' ? (
          <CatalogPromotions key={round} stage={stage} editable={editable} staged={staged} />
        ) : null}
        {tab === 'csv' ? <CatalogCsv editable={editable} /> : null}
      </div>
    </>
  );
}
