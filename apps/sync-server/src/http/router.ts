// Maps a request path to its handler. Paths are split before percent-decoding so an encoded `/` inside
// a document id stays part of the id.
import { createStore, createTerminal, createUser, enroll, revokeTerminal } from '../auth/enrollment-handlers';
import { deleteSession, getSession, postSession } from '../auth/session-handlers';
import { allDocs } from '../couch/all-docs-handler';
import { bulkDocs } from '../couch/bulk-docs-handler';
import { bulkGet } from '../couch/bulk-get-handler';
import { changes } from '../couch/changes-handler';
import {
  deleteDb,
  ensureFullCommit,
  getDb,
  getSecurity,
  postDoc,
  putDb,
  putSecurity,
} from '../couch/database-handlers';
import { deleteDoc, getDoc, putDoc } from '../couch/document-handlers';
import { deleteLocal, getLocal, putLocal } from '../couch/local-docs-handlers';
import { revsDiff } from '../couch/revs-diff-handler';
import { allDbs, up, uuids, welcome } from '../couch/root-handlers';
import { routeApi } from '../api/route-api';
import { routeHq } from '../hq/route-hq';
import { routeOmni } from '../omni/route-omni';
import { routeUpdates } from '../updates/route-updates';
import { illegalDocId } from '../validation/document-id';
import type { Ctx, PosCtx } from './context';
import { badRequest, CouchError, methodNotAllowed, notFound } from './couch-error';

type Handler<C> = (ctx: C) => void | Promise<void>;

function byMethod<C extends PosCtx>(
  ctx: C,
  table: Partial<Record<string, Handler<C>>>,
): void | Promise<void> {
  const method = ctx.req.method === 'HEAD' && !table.HEAD ? 'GET' : (ctx.req.method ?? 'GET');
  const handler = table[method];
  if (!handler) throw methodNotAllowed(Object.keys(table).join(','));
  return handler(ctx);
}

function splitPath(pathname: string): string[] {
  const parts = pathname.split('/').filter((p) => p.length > 0);
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    throw badRequest('The URL path is not valid percent-encoding.');
  }
}

const attachmentsRefused = () =>
  new CouchError(
    501,
    'not_implemented',
    'Attachments are not supported by this server; store files elsewhere and reference them.',
  );

export function route(ctx: Ctx): void | Promise<void> {
  const seg = splitPath(ctx.url.pathname);
  const [first, second, ...rest] = seg;
  if (first === undefined) return byMethod(ctx, { GET: welcome });
  if (first === '_all_dbs') return byMethod(ctx, { GET: allDbs });
  if (first === '_uuids') return byMethod(ctx, { GET: uuids });
  if (first === '_up') return byMethod(ctx, { GET: up });
  if (first === '_session')
    return byMethod(ctx, { GET: getSession, POST: postSession, DELETE: deleteSession });
  if (first === '_pos') return posRoute(ctx, seg.slice(1));
  if (first === '_updates') return routeUpdates(ctx);
  if (first === '_api') return routeApi(ctx, seg.slice(1));
  if (first === '_hq') return routeHq(ctx, seg.slice(1));
  if (first === '_omni') return routeOmni(ctx, seg.slice(1));
  if (first.startsWith('_')) throw notFound(`${first} is not supported by this server.`);

  const db = first;
  if (second === undefined) {
    return byMethod(ctx, {
      GET: (c) => getDb(c, db),
      HEAD: (c) => getDb(c, db),
      PUT: (c) => putDb(c, db),
      DELETE: (c) => deleteDb(c, db),
      POST: (c) => postDoc(c, db),
    });
  }
  switch (second) {
    case '_changes':
      return byMethod(ctx, { GET: (c) => changes(c, db), POST: (c) => changes(c, db) });
    case '_bulk_docs':
      return byMethod(ctx, { POST: (c) => bulkDocs(c, db) });
    case '_bulk_get':
      return byMethod(ctx, { POST: (c) => bulkGet(c, db) });
    case '_revs_diff':
      return byMethod(ctx, { POST: (c) => revsDiff(c, db) });
    case '_all_docs':
      return byMethod(ctx, { GET: (c) => allDocs(c, db), POST: (c) => allDocs(c, db) });
    case '_ensure_full_commit':
      return byMethod(ctx, { POST: (c) => ensureFullCommit(c, db) });
    case '_security':
      return byMethod(ctx, { GET: (c) => getSecurity(c, db), PUT: (c) => putSecurity(c, db) });
    case '_local': {
      const id = rest.join('/');
      return byMethod(ctx, {
        GET: (c) => getLocal(c, db, id),
        PUT: (c) => putLocal(c, db, id),
        DELETE: (c) => deleteLocal(c, db, id),
      });
    }
    case '_design': {
      const [name, ...more] = rest;
      if (!name) throw notFound('missing');
      if (more.length > 0) {
        throw new CouchError(
          501,
          'not_implemented',
          'Views, shows and lists are not supported by this server; query _all_docs or _changes.',
        );
      }
      return docRoute(ctx, db, `_design/${name}`);
    }
    default:
      if (second.startsWith('_'))
        throw illegalDocId(`Only reserved document ids may start with underscore (${second}).`);
      if (rest.length > 0) throw attachmentsRefused();
      return docRoute(ctx, db, second);
  }
}

function docRoute(ctx: Ctx, db: string, id: string): void | Promise<void> {
  if (ctx.url.searchParams.has('attachments') && ctx.url.searchParams.get('attachments') === 'true')
    throw attachmentsRefused();
  return byMethod(ctx, {
    GET: (c) => getDoc(c, db, id),
    PUT: (c) => putDoc(c, db, id),
    DELETE: (c) => deleteDoc(c, db, id),
  });
}

/** `/_pos/...` administration endpoints (shared by the embedded and the CouchDB-cluster modes). */
export function posRoute(ctx: PosCtx, seg: string[]): void | Promise<void> {
  const [a, b, c, d] = seg;
  if (a === 'enroll' && b === undefined) return byMethod(ctx, { POST: enroll });
  if (a === 'users' && b === undefined) return byMethod(ctx, { POST: createUser });
  if (a === 'stores' && b === undefined) return byMethod(ctx, { POST: createStore });
  if (a === 'stores' && b && c === 'terminals' && d === undefined)
    return byMethod(ctx, { POST: (x) => createTerminal(x, b) });
  if (a === 'terminals' && b && c === 'revoke' && d === undefined)
    return byMethod(ctx, { POST: (x) => revokeTerminal(x, b) });
  throw notFound(`Unknown administration endpoint /_pos/${seg.join('/')}.`);
}
