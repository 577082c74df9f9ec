import type { BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './web-preferences';

/** The one window's options: the locked-down web preferences, hidden until ready, kiosk when asked. */
export function mainWindowOptions(preloadPath: string, kiosk: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    show: false,
    kiosk,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}
