// The sync server's public surface: start it in-process (tests, benches, scripts) or via `cli.ts`.
export { startSyncServer, STANDARD_DATABASES, DEFAULT_MAX_BODY_BYTES } from './server';
export type { SyncServer, SyncServerOptions } from './server';
