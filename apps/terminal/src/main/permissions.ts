import { isAppUrl } from './app-origin';

/** The only browser permission the POS needs: persistent storage, so Chromium never evicts the local database. */
const GRANTED = new Set<string>(['persistent-storage']);

/** Decides a permission request or check: granted only for the app's own origin and only what the POS needs. */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return GRANTED.has(permission) && isAppUrl(requestingUrl);
}
