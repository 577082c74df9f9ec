import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';
import { isPermissionGranted } from './permissions';

describe('isPermissionGranted', () => {
  it('grants persistent storage to the app origin only', () => {
    expect(isPermissionGranted('persistent-storage', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionGranted('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(isPermissionGranted('persistent-storage', 'app://other/index.html')).toBe(false);
  });

  it('refuses everything else, even to the app origin', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
    ]) {
      expect(isPermissionGranted(permission, APP_ENTRY_URL)).toBe(false);
    }
  });
});

describe('isAppUrl', () => {
  it('accepts only the app scheme and host', () => {
    expect(isAppUrl('app://terminal/assets/x.js')).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('http://terminal/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
