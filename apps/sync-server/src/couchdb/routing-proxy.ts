// For the routing test of the cluster deployment: a reverse proxy that routes by the nginx `location`
// rules of docs/specs/couchdb-cluster.md ("One address for the terminals"), read from the document
// itself, so what is tested is what a retailer copies. Only what those rules use is implemented: exact
// (`=`), regular-expression (`~`, first match in order) and prefix locations, in nginx's precedence.
import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `location` of the documented configuration and the upstream it passes to. */
export interface LocationRule {
  kind: 'exact' | 'regex' | 'prefix';
  pattern: string;
  upstream: string;
}

/** The `location … { proxy_pass http://<upstream>…; }` lines of the first nginx block in `markdown`. */
export function documentedRules(markdown: string): LocationRule[] {
  const block = /```nginx\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (!block) throw new Error('the document has no nginx block');
  const rules: LocationRule[] = [];
  for (const m of block.matchAll(/location\s+(=|~)?\s*(\S+)\s*\{\s*proxy_pass\s+http:\/\/([\w.-]+)/g)) {
    const [, modifier, pattern = '', upstream = ''] = m;
    rules.push({
      kind: modifier === '=' ? 'exact' : modifier === '~' ? 'regex' : 'prefix',
      pattern,
      upstream,
    });
  }
  return rules;
}

/** Reads the rules from the repository's docs/specs/couchdb-cluster.md. */
export function clusterDocRules(): LocationRule[] {
  const doc = new URL('../../../../docs/specs/couchdb-cluster.md', import.meta.url);
  return documentedRules(readFileSync(doc, 'utf8'));
}

/** nginx's choice: an exact match, else the first matching regex, else the longest matching prefix. */
export function upstreamFor(rules: readonly LocationRule[], path: string): string | undefined {
  const exact = rules.find((r) => r.kind === 'exact' && r.pattern === path);
  if (exact) return exact.upstream;
  const regex = rules.find((r) => r.kind === 'regex' && new RegExp(r.pattern).test(path));
  if (regex) return regex.upstream;
  const prefixes = rules.filter((r) => r.kind === 'prefix' && path.startsWith(r.pattern));
  prefixes.sort((a, b) => b.pattern.length - a.pattern.length);
  return prefixes[0]?.upstream;
}

export interface RoutingProxy {
  url: string;
  /** `upstream name → path` of every request passed, in order. */
  routed: { upstream: string; path: string }[];
  close(): Promise<void>;
}

/**
 * Starts the proxy on 127.0.0.1: each documented upstream name (`services-node`, `couch-cluster`) maps
 * to a base URL. Bodies and answers stream through unbuffered (continuous `_changes`).
 */
export async function startRoutingProxy(
  rules: readonly LocationRule[],
  upstreams: Record<string, string>,
): Promise<RoutingProxy> {
  const routed: RoutingProxy['routed'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const name = upstreamFor(rules, path);
    const base = name ? upstreams[name] : undefined;
    if (!name || !base) {
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad_gateway', reason: `no upstream for ${path}` }));
      return;
    }
    routed.push({ upstream: name, path });
    const target = new URL(base);
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else {
        res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'bad_gateway', reason: `${name} did not answer` }));
      }
    });
    // A client that goes away (a live replication cancelled) ends its upstream request too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
