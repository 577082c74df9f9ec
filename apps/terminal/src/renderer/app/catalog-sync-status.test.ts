import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CatalogSync, CatalogSyncProgress } from '../db/catalog-sync';
import { catalogSyncText } from './catalog-sync-text';
import { CatalogSyncStatus } from './CatalogSyncStatus';

const first: CatalogSyncProgress = {
  phase: 'catching-up',
  firstSyncComplete: false,
  searchReady: false,
  docsDone: 12_000,
  docsTotal: 300_000,
  docsPerSecond: 6000,
  etaMs: 48_000,
};

describe('the catalog sync in the header', () => {
  it('says documents done of total, about how long is left, and that name search is being prepared during the first sync', () => {
    const preparing = '; name search is being prepared (barcodes and SKUs work now)';
    expect(catalogSyncText(first)).toBe(`Catalog: 12,000 of 300,000 documents, about 48 s left${preparing}`);
    expect(catalogSyncText({ ...first, docsTotal: undefined, etaMs: undefined })).toBe(
      `Catalog: 12,000 documents${preparing}`,
    );
    // A later catch-up (search ready) says nothing about search.
    expect(catalogSyncText({ ...first, firstSyncComplete: true, searchReady: true })).toBe(
      'Catalog: 12,000 of 300,000 documents, about 48 s left',
    );
  });

  it('says the first sync waits for the server while selling goes on, and nothing once live', () => {
    expect(
      catalogSyncText({ ...first, phase: 'offline', error: 'server unreachable', searchReady: true }),
    ).toBe(
      'Catalog: 12,000 documents so far; waiting for the server (server unreachable). Selling continues with what is local.',
    );
    const live = { ...first, phase: 'live' as const, firstSyncComplete: true, etaMs: 0 };
    expect(catalogSyncText({ ...live, searchReady: true })).toBe('');
    expect(catalogSyncText(live)).toBe(
      'Catalog complete; name search is being prepared (barcodes and SKUs work now).',
    );
    expect(catalogSyncText({ ...first, phase: 'offline', firstSyncComplete: true, searchReady: true })).toBe(
      '',
    );
  });

  it('says name search is still being prepared in every phase until it is ready, offline and starting too', () => {
    const preparing = 'name search is being prepared (barcodes and SKUs work now)';
    // Offline or starting during the first sync: the same words as the online header.
    expect(catalogSyncText({ ...first, phase: 'offline', error: 'server unreachable' })).toBe(
      `Catalog: 12,000 documents so far; waiting for the server (server unreachable); ${preparing}. Selling continues with what is local.`,
    );
    expect(catalogSyncText({ ...first, phase: 'starting' })).toBe(
      `Catalog: asking the server what to fetch…; ${preparing}`,
    );
    // The pull finished but the name words are still being indexed: offline or restarting says so too.
    const pulled = { ...first, firstSyncComplete: true, etaMs: 0 };
    for (const phase of ['live', 'offline', 'starting'] as const) {
      expect(catalogSyncText({ ...pulled, phase })).toBe(`Catalog complete; ${preparing}.`);
      expect(catalogSyncText({ ...pulled, phase, searchReady: true })).toBe('');
    }
    // Every text that is not empty while search is not ready names it.
    for (const phase of ['starting', 'catching-up', 'live', 'offline'] as const)
      for (const firstSyncComplete of [false, true]) {
        const text = catalogSyncText({ ...first, phase, firstSyncComplete });
        if (text !== '') expect(text).toContain(preparing);
      }
  });

  it('renders the progress from the catalog sync as a named status', () => {
    const subject = new BehaviorSubject(first);
    const sync = { progress$: subject.asObservable(), progress: first } as unknown as CatalogSync;
    const html = renderToStaticMarkup(createElement(CatalogSyncStatus, { sync }));
    expect(html).toContain('aria-label="Catalog sync"');
    expect(html).toContain('<progress max="300000" value="12000"');
    expect(html).toContain('Catalog: 12,000 of 300,000 documents, about 48 s left; name search');
    expect(renderToStaticMarkup(createElement(CatalogSyncStatus, { sync: undefined }))).toBe('');
  });
});
