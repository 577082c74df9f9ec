import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '@store-os/shared';

/** How this terminal was started: who it is, which server it syncs with, where it keeps its files. */
export interface TerminalOptions {
  readonly terminalId: string;
  readonly storeId: string;
  readonly syncServerUrl: string | null;
  /** Basic credentials for the sync-server, from STORE_OS_SERVER_USER / STORE_OS_SERVER_PASSWORD (never a flag: flags show in `ps`). */
  readonly syncAuthorization: string | null;
  readonly dataDir: string;
  readonly kiosk: boolean;
  /** Browser mode only: the port to listen on (0 picks a free one). */
  readonly port: number;
}

/**
 * Reads `--terminal T1 --store S1 --server http://host:port --data DIR --kiosk --port N`, with
 * STORE_OS_* environment variables as fallback, so the same flags start Electron and browser mode.
 */
export function parseTerminalOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaultDataDir: string,
): TerminalOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    options: {
      terminal: { type: 'string' },
      store: { type: 'string' },
      server: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      kiosk: { type: 'boolean' },
    },
  });
  const text = (flag: string | boolean | undefined, fallback: string | undefined): string | undefined =>
    typeof flag === 'string' && flag !== '' ? flag : fallback;
  const server = text(values.server, env['STORE_OS_SERVER']) ?? null;
  if (server !== null && !/^https?:\/\/[^/]+\/?$/.test(server)) {
    throw new DomainError(
      'terminal.bad-server-url',
      `--server must be a base URL like http://127.0.0.1:5984, got ${server}.`,
    );
  }
  const port = Number(text(values.port, env['STORE_OS_PORT']) ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DomainError(
      'terminal.bad-port',
      `--port must be a TCP port number (0 picks a free one), got ${String(values.port)}.`,
    );
  }
  const user = env['STORE_OS_SERVER_USER'];
  const password = env['STORE_OS_SERVER_PASSWORD'];
  const syncAuthorization =
    user && password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : null;
  return {
    syncAuthorization,
    terminalId: text(values.terminal, env['STORE_OS_TERMINAL']) ?? 'T1',
    storeId: text(values.store, env['STORE_OS_STORE']) ?? 'S1',
    syncServerUrl: server === null ? null : server.replace(/\/$/, ''),
    dataDir: text(values.data, env['STORE_OS_DATA']) ?? defaultDataDir,
    kiosk: values.kiosk === true || env['STORE_OS_KIOSK'] === '1',
    port,
  };
}

/** The journal lives in the data folder, outside any browser profile, so wiping the profile cannot lose it. */
export function journalPathIn(dataDir: string): string {
  return join(dataDir, 'journal', 'sales.jsonl');
}
