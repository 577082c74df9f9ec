import { isAppUrl } from './app-origin';

/** A navigation Electron is about to make (its event: the target URL and a way to stop it). */
export interface PendingNavigation {
  readonly url: string;
  preventDefault(): void;
}

/** The parts of Electron's WebContents the lock touches (structural, so tests need no Electron). */
export interface LockableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (details: PendingNavigation) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Locks every web contents main creates: it may navigate or be redirected only within app://terminal,
 * it may not attach a webview, and window.open never opens anything.
 */
export function lockNavigation(contents: LockableContents): void {
  const stayInApp = (details: PendingNavigation): void => {
    if (!isAppUrl(details.url)) details.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
