import type { WebPreferences } from 'electron';

/**
 * The window's web preferences: the renderer is untrusted web content next to a card terminal, so it
 * gets no Node, an isolated world for the preload, the Chromium sandbox, and nothing that loosens them.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: process.env['STORE_OS_DEVTOOLS'] === '1',
  };
}
