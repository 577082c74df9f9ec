// The terminal's start entry: Electron where it can start, otherwise browser mode (the same contract over a
// token-guarded WebSocket), saying which and why. Flags: --server --data --devices --port --kiosk
// [--standalone --terminal --store]; an enrollment code in STORE_OS_ENROLLMENT_CODE is exchanged at start.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from '../tools/build-electron';
import { buildRendererIfStale, rendererDir } from '../tools/build-renderer';
import { startBrowserHost } from './browser-host/browser-host';
import { findElectron } from './host/electron-binary';
import { bootTerminalHost } from './host/boot-terminal-host';
import { journalPathIn, parseTerminalOptions } from './host/terminal-options';

const args = process.argv.slice(2);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const options = parseTerminalOptions(args, process.env, join(repoRoot, '.data', 'terminal'));

if (await buildRendererIfStale()) console.log(`terminal: built the renderer into ${rendererDir}`);
const electron = args.includes('--browser')
  ? { ok: false as const, reason: '--browser was given' }
  : findElectron();

if (electron.ok) {
  const main = await buildElectron();
  console.log('terminal: starting Electron');
  const child = spawn(electron.binary, [main, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  console.log(`terminal: Electron cannot start here (${electron.reason}); starting in browser mode instead.`);
  const clock = { now: () => Date.now() };
  const { host, devices, enrollment, enrollmentNote } = await bootTerminalHost(options, {
    version: '0.1.0',
    mode: 'browser',
    clock,
  });
  console.log(
    devices.configPath
      ? `terminal: devices from ${devices.configPath}: ${devices.reports.map((r) => `${r.device} ${r.ok ? 'ok' : r.detail}`).join(', ')}`
      : `terminal: no ${options.devicesPath}; running without devices`,
  );
  if (enrollmentNote) console.log(`terminal: ${enrollmentNote}`);
  console.log(
    enrollment.enrolled
      ? `terminal: ${enrollment.terminalId} of store ${enrollment.storeId}, syncing with ${enrollment.syncServerUrl ?? 'no server (standalone)'}`
      : 'terminal: not enrolled yet; the first screen asks for the sync-server address and the enrollment code',
  );
  const browserHost = await startBrowserHost({ host, rendererDir, port: options.port });
  console.log(
    `terminal: open ${browserHost.url} in Chromium (the #token part is this start's key to the host)`,
  );
  console.log(`terminal: journal at ${journalPathIn(options.dataDir)}`);
  const stop = () => {
    browserHost
      .close()
      .then(() => host.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('terminal: shutdown failed', error);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
