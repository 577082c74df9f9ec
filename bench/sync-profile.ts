// Where the time goes in one replication workload, for ours and for pouchdb-server (not part of
// `npm run bench`; run it by hand):
//   npx tsx bench/sync-profile.ts <ours|peer> <pouchPush|pouchPull|rxPush|rxPull> [docs] [--cpu-prof]
// Prints wall time, client CPU, server CPU, and the requests per 1,000 documents by endpoint. With
// --cpu-prof the server process writes a V8 CPU profile into /tmp/sync-profile/ (the client's own
// profile, of the workload alone, goes to /tmp/sync-profile/client-<which>-<workload>.cpuprofile).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startPouchServer } from '../apps/sync-server/src/testing/pouchdb-server-peer';
import { spawnServer } from '../apps/sync-server/src/testing/server-process';
import { TEST_ADMIN, tempDataDir } from '../apps/sync-server/src/testing/test-server';
import {
  countRequests,
  cpuSeconds,
  createDb,
  pouchPull,
  pouchPush,
  pouchSource,
  rxOrders,
  rxPull,
  rxPush,
  smallOrders,
  type Target,
} from './sync-workloads';

const [which = 'ours', workload = 'pouchPush', docsArg = '10000'] = process.argv.slice(2);
const docs = Number(docsArg);
const profile = process.argv.includes('--cpu-prof');
const profDir = '/tmp/sync-profile';
mkdirSync(profDir, { recursive: true });
const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];

const dataDir = tempDataDir('profile-ours-');
const server =
  which === 'ours'
    ? await spawnServer(dataDir, undefined, [], nodeArgs)
    : await startPouchServer({ nodeArgs });
const pid = 'child' in server ? (server.child.pid ?? 0) : server.pid;
const target: Target = {
  name: which,
  url: server.url,
  ...(which === 'ours' ? { user: TEST_ADMIN } : {}),
};
const counts = countRequests();
try {
  const orders = smallOrders(docs);
  const pouch = await pouchSource(orders);
  const rx = await rxOrders();
  for (let i = 0; i < orders.length; i += 10_000) await rx.orders.bulkInsert(orders.slice(i, i + 10_000));
  await createDb(target, 'profile');
  // Pulls need the data on the server first (pushed without counting).
  if (workload === 'pouchPull') await pouchPush(pouch, target, 'profile');
  if (workload === 'rxPull') await rxPush(rx.orders, target, 'profile');
  counts.clear();
  const session = new Session();
  if (profile) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = cpuSeconds(pid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  if (workload === 'pouchPush') await pouchPush(pouch, target, 'profile');
  else if (workload === 'pouchPull') await pouchPull(target, 'profile');
  else if (workload === 'rxPush') await rxPush(rx.orders, target, 'profile');
  else await rxPull(target, 'profile');
  const wall = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(client0);
  const serverCpu = cpuSeconds(pid) - cpu0;
  if (profile) {
    const { profile: prof } = await session.post('Profiler.stop');
    writeFileSync(`${profDir}/client-${which}-${workload}.cpuprofile`, JSON.stringify(prof));
  }
  console.log(
    `${which} ${workload} ${docs} docs: ${(docs / wall).toFixed(0)} docs/s, wall ${wall.toFixed(2)} s, ` +
      `client CPU ${((client.user + client.system) / 1e3 / (docs / 1000)).toFixed(1)} ms/1k docs, ` +
      `server CPU ${((serverCpu * 1e6) / docs).toFixed(1)} ms/1k docs`,
  );
  for (const [key, n] of [...counts.entries()].sort((a, b) => b[1] - a[1]))
    console.log(`  ${key.padEnd(40)} ${((n * 1000) / docs).toFixed(2)} per 1k docs (${n})`);
  await rx.db.close();
  await pouch.destroy();
} finally {
  if ('child' in server) await server.kill('SIGTERM');
  else await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
