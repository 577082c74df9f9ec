// `npm run server -- --port <p> --data <dir> [--host 127.0.0.1] [--max-body <bytes>] [--cors <origins>]
//    [--dev-allow-loopback-webhooks]`
// or, against an Apache CouchDB cluster: `npm run server -- --port <p> --data <dir> --couch-url http://admin:pw@couch:5984`
// Prints `listening on http://<host>:<port>` when ready; SIGTERM/SIGINT finish in-flight writes and exit.
import { parseArgs } from 'node:util';
import { startCouchMode } from './couchdb/couch-mode';
import { startSyncServer } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'max-body': { type: 'string' },
    cors: { type: 'string' },
    'couch-url': { type: 'string' },
    // Development and tests only: webhooks may target http(s) on loopback (docs/specs/integration-api.md).
    'dev-allow-loopback-webhooks': { type: 'boolean', default: false },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`sync-server: ${message}`);
  process.exit(2);
}

const port = Number(values.port ?? fail('--port <number> is required'));
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail('--port must be an integer between 0 and 65535');
const dataDir =
  values.data ?? fail("--data <dir> is required (with --couch-url it holds the services' replica)");
const maxBody = values['max-body'] === undefined ? undefined : Number(values['max-body']);
if (maxBody !== undefined && !(maxBody > 0)) fail('--max-body must be a positive number of bytes');

const couchUrl = values['couch-url'];
// The HTTP options mean the same in both modes (couch mode applies them to every path it serves).
const http = {
  port,
  host: values.host,
  dataDir,
  ...(maxBody ? { maxBodyBytes: maxBody } : {}),
  ...(values.cors ? { corsOrigins: values.cors.split(',').map((o) => o.trim()) } : {}),
  ...(values['dev-allow-loopback-webhooks'] ? { integrationApi: { allowLoopbackWebhooks: true } } : {}),
};
const server = await (
  couchUrl
    ? startCouchMode({ couchUrl, ...http })
    : startSyncServer({
        ...http,
        adminUser: process.env.POS_ADMIN_USER,
        adminPassword: process.env.POS_ADMIN_PASSWORD,
      })
).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

console.log(`listening on ${server.url}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`sync-server: shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  });
}
