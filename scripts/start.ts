// `npm start`: a whole store on one machine — the sync-server with its embedded database, the demo
// catalog, the device simulators, and a terminal enrolled and ready. Data lives in .data/store/ and
// survives restarts (delete that folder for a fresh store).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildConsoleIfStale } from '../apps/sync-server/tools/build-console';
import { startChild, stopChild, type StartedChild } from './store/child-process';
import { DEMO_STAFF } from '../apps/terminal/src/host/session/demo-staff';
import { seedDemoStore } from './store/seed-demo-store';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env.POS_DATA_DIR ?? join(root, '.data', 'store'));
const port = process.env.POS_PORT ?? '5984';
const adminUser = process.env.POS_ADMIN_USER ?? 'admin';
const adminPassword = process.env.POS_ADMIN_PASSWORD ?? 'demo-admin-password';
const products = Number(process.env.POS_DEMO_PRODUCTS ?? 5000);
const terminalId = 's001-t01';
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const releaseCli = join(root, 'apps/sync-server/src/updates/release-cli.ts');

const children: StartedChild[] = [];
async function shutdown(code: number): Promise<never> {
  for (const c of children.reverse()) await stopChild(c.child);
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  console.log(`Starting the demo store (data in ${dataDir})`);
  if (await buildConsoleIfStale()) console.log('Built the HQ console (served at /_hq/)');

  const server = await startChild(
    'sync-server',
    tsx,
    [join(root, 'apps/sync-server/src/cli.ts'), '--port', port, '--data', join(dataDir, 'server')],
    {
      ready: /listening on (http:\/\/\S+)/,
      env: { POS_ADMIN_USER: adminUser, POS_ADMIN_PASSWORD: adminPassword },
    },
  );
  children.push(server);
  const serverUrl = server.match[1] ?? `http://127.0.0.1:${port}`;

  // The enrollment code is shown once; keep it (and the terminal's credential once enrolled) in the
  // data folder so a restart of `npm start` reuses the same terminal.
  const enrollmentFile = join(dataDir, 'enrollment.json');
  const seeded = await seedDemoStore({
    serverUrl,
    adminUser,
    adminPassword,
    products,
    terminalId,
    onProgress: (done, total) => {
      if (done === total || done % 20_000 === 0) console.log(`[seed] catalog ${done}/${total} documents`);
    },
  });
  if (seeded.enrollmentCode) {
    writeFileSync(enrollmentFile, JSON.stringify({ serverUrl, ...seeded }, null, 2) + '\n');
  }
  const enrollment = existsSync(enrollmentFile)
    ? (JSON.parse(readFileSync(enrollmentFile, 'utf8')) as { enrollmentCode?: string })
    : {};

  // A demo release key pair (once): a terminal built with STORE_OS_UPDATE_KEYS_FILE pointing at its keys
  // file trusts releases signed with it, and the release CLI signs and publishes into the server's folder.
  const keysDir = join(dataDir, 'release-keys');
  const demoKeysFile = join(keysDir, 'update-keys.json');
  if (!existsSync(join(keysDir, 'demo-release.private.json'))) {
    execFileSync(
      tsx,
      [releaseCli, 'keygen', '--key-id', 'demo-release', '--out', keysDir, '--terminal-keys', demoKeysFile],
      { stdio: 'ignore' },
    );
  }

  const devicesDir = join(dataDir, 'devices');
  const devices = await startChild(
    'devices',
    tsx,
    [join(root, 'drivers/src/simulators/cli.ts'), '--dir', devicesDir],
    {
      ready: /^Device config: (\S+)/,
      stdin: 'pipe',
    },
  );
  children.push(devices);
  // Typed commands go to the simulators (`help` lists them: paper out, card decline, scan <code>…).
  process.stdin.pipe(devices.child.stdin!);

  const terminalEntry = join(root, 'apps/terminal/src/start.ts');
  let terminalLine = 'terminal: not built yet in this checkout';
  if (existsSync(terminalEntry)) {
    const terminal = await startChild(
      'terminal',
      tsx,
      [
        terminalEntry,
        '--server',
        serverUrl,
        '--devices',
        join(devicesDir, 'devices.json'),
        '--data',
        join(dataDir, 'terminal'),
      ],
      {
        // Browser mode prints the page to open; Electron opens its own window.
        ready: /terminal: (?:open (https?:\/\/127\.0\.0\.1:\d+\S*)|starting Electron)/,
        env: enrollment.enrollmentCode ? { STORE_OS_ENROLLMENT_CODE: enrollment.enrollmentCode } : {},
        timeoutMs: 120_000,
      },
    );
    children.push(terminal);
    terminalLine = terminal.match[1]
      ? `terminal (browser mode, Electron cannot start here): ${terminal.match[1]}`
      : 'terminal: the Electron window';
  }

  console.log(`
The demo store is running.
  sync-server: ${serverUrl}   (admin: ${adminUser} / ${adminPassword})
  HQ console: ${serverUrl}/_hq/
  ${terminalLine}
  terminal ${terminalId} enrolls itself with its one-time code at first start (credential in ${join(dataDir, 'terminal', 'credential.json')})
  sign in at the terminal with a PIN:
${DEMO_STAFF.map((m) => `    ${m.name} (${m.role}): PIN ${m.pin}`).join('\n')}
  (5 wrong PINs in a row lock a person out for 5 minutes)
  receipts from the simulated printer (SVG): ${join(devicesDir, 'receipts')}
  demo release key: ${join(keysDir, 'demo-release.private.json')}
    build a terminal that trusts it: STORE_OS_UPDATE_KEYS_FILE=${demoKeysFile} npm run build -w apps/terminal
    sign and publish: npx tsx ${releaseCli} sign --key ${join(keysDir, 'demo-release.private.json')} --dir ${join(dataDir, 'server', 'updates')} ...
Type simulator commands here (help, scan <barcode>, paper out, card decline, ...). Ctrl+C stops the store.`);
}

main().catch(async (error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
