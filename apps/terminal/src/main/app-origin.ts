/** The renderer is served from a privileged custom scheme so it has a real origin (for CSP 'self' and IndexedDB). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'terminal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` belongs to the app's own origin (the only place the window may show). */
export function isAppUrl(url: string): boolean {
  try {
    // Node's URL reports origin "null" for custom schemes, so compare scheme and host instead.
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
