import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-origin';
import { lockNavigation, type LockableContents, type PendingNavigation } from './navigation-lock';

type Listener = (event: PendingNavigation) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
  } as unknown as LockableContents;
  /** Fires `event` for `url` and says whether the lock stopped it. */
  const fire = (event: string, url: string): boolean => {
    let prevented = false;
    const listener = listeners.get(event);
    if (!listener) throw new Error(`no listener for ${event}`);
    listener({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('lockNavigation', () => {
  it('lets the window move within app://terminal only, by navigation or by redirect', () => {
    const { contents, fire } = fakeContents();
    lockNavigation(contents);
    expect(fire('will-navigate', APP_ENTRY_URL)).toBe(false);
    expect(fire('will-navigate', 'app://terminal/sync')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://user:pw@terminal/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(fire('will-navigate', url), url).toBe(true);
      expect(fire('will-redirect', url), url).toBe(true);
    }
  });

  it('refuses every webview and denies every window.open, even to the app itself', () => {
    const { contents, fire, open } = fakeContents();
    lockNavigation(contents);
    expect(fire('will-attach-webview', APP_ENTRY_URL)).toBe(true);
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open(APP_ENTRY_URL)).toEqual({ action: 'deny' });
  });
});
