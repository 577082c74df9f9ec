import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './main-window';

describe('mainWindowOptions', () => {
  it('uses the locked-down web preferences with the given preload, hidden until ready', () => {
    const options = mainWindowOptions('/app/preload.cjs', false);
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('is a kiosk window only when asked (--kiosk)', () => {
    expect(mainWindowOptions('/p.cjs', true).kiosk).toBe(true);
    expect(mainWindowOptions('/p.cjs', false).kiosk).toBe(false);
  });
});
