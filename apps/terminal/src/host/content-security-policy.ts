/** What the renderer may connect to besides its own origin: the sync-server and the browser-mode host socket. */
export interface CspInput {
  /** Origins the renderer fetches from or opens sockets to (e.g. `http://127.0.0.1:5984`, `ws://127.0.0.1:4100`). */
  readonly connect: readonly string[];
}

/**
 * The renderer's Content-Security-Policy, the same in Electron and in browser mode: scripts only from the
 * app's own origin (no inline script, no eval), no plugins, no framing, no form posts, no base-uri games.
 */
export function contentSecurityPolicy(input: CspInput): string {
  const connect = ["'self'", ...input.connect.map(originOf)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function originOf(url: string): string {
  const parsed = new URL(url);
  if (!/^(https?|wss?):$/.test(parsed.protocol)) {
    throw new Error(`The CSP connect source ${url} must be http(s) or ws(s).`);
  }
  return parsed.origin;
}
