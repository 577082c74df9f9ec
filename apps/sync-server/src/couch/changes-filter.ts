// `_changes` filters the replicators and RxDB use: `_doc_ids` and `_selector` (Mango, matched with
// PouchDB's own matcher). Design-document filter functions are not supported.
import { matchesSelector } from 'pouchdb-selector-core';
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';

/** Decides whether a change row is sent; `doc` is parsed only when the filter needs it. */
export interface ChangesFilter {
  needsDoc: boolean;
  accepts: (id: string, doc: () => Record<string, unknown>) => boolean;
}

function parseJsonParam(value: string, name: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`Query parameter ${name} must be JSON.`);
  }
}

/** The filter a request asks for, or undefined when it asks for none. */
export function changesFilter(ctx: Ctx, body: Record<string, unknown>): ChangesFilter | undefined {
  const name = ctx.url.searchParams.get('filter');
  if (name === null || name === '') return undefined;
  if (name === '_doc_ids') {
    const param = ctx.url.searchParams.get('doc_ids');
    const ids = body.doc_ids ?? (param === null ? undefined : parseJsonParam(param, 'doc_ids'));
    if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string')) {
      throw badRequest('filter=_doc_ids needs `doc_ids`: a JSON array of document ids (query or body).');
    }
    const wanted = new Set(ids);
    return { needsDoc: false, accepts: (id) => wanted.has(id) };
  }
  if (name === '_selector') {
    const selector = body.selector;
    if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) {
      throw badRequest('filter=_selector needs a POST body with a `selector` object.');
    }
    // Validate once up front so a bad selector is a 400, not a failure in the middle of the feed.
    try {
      matchesSelector({ _id: '' }, selector);
    } catch (error) {
      throw badRequest(`Invalid selector: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { needsDoc: true, accepts: (_id, doc) => matchesSelector(doc(), selector) };
  }
  if (name === '_design' || name === '_view' || name.includes('/')) {
    throw badRequest(`filter=${name} is not supported; use _doc_ids or _selector.`);
  }
  throw badRequest(`Unknown filter ${name}; use _doc_ids or _selector.`);
}
