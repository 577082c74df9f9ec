import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './web-preferences';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the renderer, workers and subframes', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('opens devtools only when explicitly asked', () => {
    const before = process.env['STORE_OS_DEVTOOLS'];
    delete process.env['STORE_OS_DEVTOOLS'];
    expect(secureWebPreferences('/p').devTools).toBe(false);
    process.env['STORE_OS_DEVTOOLS'] = '1';
    expect(secureWebPreferences('/p').devTools).toBe(true);
    if (before === undefined) delete process.env['STORE_OS_DEVTOOLS'];
    else process.env['STORE_OS_DEVTOOLS'] = before;
  });
});
