// Electron main: a switchboard. It creates one locked-down window, serves the built renderer from app://,
// and forwards contract calls to the host (journal + devices, plain Node in src/host). No business logic here.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { contentSecurityPolicy } from '../host/content-security-policy';
import { bootTerminalHost } from '../host/boot-terminal-host';
import type { TerminalHost } from '../host/terminal-host';
import { startTerminalUpdater } from '../host/updater';
import { parseTerminalOptions } from '../host/terminal-options';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import { createIpcGuard } from './ipc-guard';
import { mainWindowOptions } from './main-window';
import { lockNavigation } from './navigation-lock';
import { isPermissionGranted } from './permissions';
import { serveRenderer } from './serve-renderer';
import { claimSingleInstance } from './single-instance';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const options = parseTerminalOptions(
  process.argv.slice(2),
  process.env,
  join(app.getPath('userData'), 'store-os'),
);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | undefined;
if (claimSingleInstance(app, () => mainWindow)) {
  let host: TerminalHost | undefined;
  let stopUpdates: (() => void) | undefined;
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    stopUpdates?.();
    if (!host) return;
    event.preventDefault();
    const closing = host;
    host = undefined;
    closing.close().then(
      () => app.quit(),
      (error: unknown) => {
        console.error('host did not close cleanly', error);
        app.exit(1);
      },
    );
  });

  app
    .whenReady()
    .then(async () => {
      const version = app.getVersion();
      const clock = { now: () => Date.now() };
      const booted = await bootTerminalHost(options, { version, mode: 'electron', clock });
      for (const report of booted.devices.reports)
        if (!report.ok) console.warn(`device ${report.device}: ${report.detail}`);
      if (booted.enrollmentNote) console.log(`terminal: ${booted.enrollmentNote}`);
      const running = booted.host;
      host = running;
      // Computed per response: after an enrollment the renderer reloads and may reach the enrolled server.
      const csp = () => {
        const syncServer = running.syncServerUrl();
        return contentSecurityPolicy({ connect: syncServer ? [syncServer] : [] });
      };
      session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
        callback(isPermissionGranted(permission, contents.getURL())),
      );
      session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) =>
        isPermissionGranted(permission, origin),
      );
      protocol.handle(APP_SCHEME, (request) => serveRenderer(rendererDir, request.url, csp()));

      mainWindow = new BrowserWindow(mainWindowOptions(join(here, 'preload.cjs'), options.kiosk));
      const contents = mainWindow.webContents;
      const guard = createIpcGuard(running.handlers, () =>
        contents.isDestroyed() ? undefined : contents.id,
      );
      ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, payload: unknown) =>
        guard(event, method, payload),
      );
      running.addSink((event, payload) => {
        if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
      });
      // Checks every 15 minutes; installs only when the counter allows a restart, then restarts the app.
      const updater = startTerminalUpdater({
        host: running,
        dataDir: options.dataDir,
        version,
        platform: process.platform,
        env: process.env,
        relaunch: () => app.relaunch(),
        quit: () => app.quit(),
      });
      stopUpdates = () => updater.stop();
      mainWindow.once('ready-to-show', () => mainWindow?.show());
      await mainWindow.loadURL(APP_ENTRY_URL);
      // The launch test starts Electron with STORE_OS_SMOKE=1 to prove the window loads under its locks.
      if (process.env['STORE_OS_SMOKE'] === '1') {
        const probe = `[typeof require, typeof process, Object.keys(window.pos ?? {}).join('+')].join(' ')`;
        const seen = String(await contents.executeJavaScript(probe));
        console.log(`terminal: window loaded ${contents.getURL()} (require process pos: ${seen})`);
        app.quit();
      }
    })
    .catch((error: unknown) => {
      console.error('terminal failed to start', error);
      app.exit(1);
    });
}
