import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '@store-os/shared';

/** How this terminal was started: which server it syncs with, where it keeps its files. Who it is comes from its enrollment. */
export interface TerminalOptions {
  /** The sync-server to enroll with (the enrollment form's suggestion); an enrolled terminal uses its credential's. */
  readonly syncServerUrl: string | null;
  /** A one-time enrollment code to exchange at start (STORE_OS_ENROLLMENT_CODE / POS_ENROLLMENT_CODE, never a flag: flags show in `ps`). */
  readonly enrollmentCode: string | null;
  /** `--standalone --terminal T --store S`: development without any server, no enrollment. */
  readonly standalone: { readonly terminalId: string; readonly storeId: string } | undefined;
  readonly dataDir: string;
  /** The device configuration (`--devices`, default `<data>/devices.json`). */
  readonly devicesPath: string;
  readonly kiosk: boolean;
  /** Browser mode only: the port to listen on (0 picks a free one). */
  readonly port: number;
}

/**
 * Reads `--server http://host:port --data DIR --devices FILE --kiosk --port N [--standalone --terminal T
 * --store S]`, with STORE_OS_* environment variables as fallback, so the same flags start Electron and
 * browser mode.
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
      devices: { type: 'string' },
      port: { type: 'string' },
      kiosk: { type: 'boolean' },
      standalone: { type: 'boolean' },
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
  const dataDir = text(values.data, env['STORE_OS_DATA']) ?? defaultDataDir;
  const standalone =
    values.standalone === true
      ? {
          terminalId: text(values.terminal, env['STORE_OS_TERMINAL']) ?? 'T1',
          storeId: text(values.store, env['STORE_OS_STORE']) ?? 'S1',
        }
      : undefined;
  return {
    syncServerUrl: server === null ? null : server.replace(/\/$/, ''),
    enrollmentCode: env['STORE_OS_ENROLLMENT_CODE'] || env['POS_ENROLLMENT_CODE'] || null,
    standalone,
    dataDir,
    devicesPath: text(values.devices, env['STORE_OS_DEVICES']) ?? join(dataDir, 'devices.json'),
    kiosk: values.kiosk === true || env['STORE_OS_KIOSK'] === '1',
    port,
  };
}

/** The journal lives in the data folder, outside any browser profile, so wiping the profile cannot lose it. */
export function journalPathIn(dataDir: string): string {
  return join(dataDir, 'journal', 'sales.jsonl');
}

/** The terminal's sync-server credential (mode 0600), written once by the enrollment. */
export function credentialPathIn(dataDir: string): string {
  return join(dataDir, 'credential.json');
}

/** Consecutive wrong PINs per person, so a reload or a wiped profile does not lift a lockout. */
export function lockoutPathIn(dataDir: string): string {
  return join(dataDir, 'pin-lockout.json');
}

/** Card approvals journaled before the sale completes, so a crash in between is reversed at the next start. */
export function cardApprovalsPathIn(dataDir: string): string {
  return join(dataDir, 'journal', 'card-approvals.jsonl');
}

/** Held (parked) sales, outside the browser profile. */
export function heldSalesPathIn(dataDir: string): string {
  return join(dataDir, 'held-sales.json');
}
