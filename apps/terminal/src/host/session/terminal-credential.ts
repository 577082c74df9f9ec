import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DomainError } from '@store-os/shared';
import { writeFileDurably } from '../write-file-durably';

/** This terminal's identity and its credential for the sync-server, as the enrollment returned them. */
export interface TerminalCredential {
  readonly serverUrl: string;
  readonly terminalId: string;
  readonly storeId: string;
  readonly password: string;
  readonly enrolledAt: string;
}

type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** Reads the credential file; undefined when the terminal has not been enrolled. */
export async function readCredential(path: string): Promise<TerminalCredential | undefined> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const value = JSON.parse(text) as Partial<TerminalCredential>;
  if (!value.serverUrl || !value.terminalId || !value.storeId || !value.password) {
    throw new DomainError(
      'enrollment.damaged',
      `${path} is not a complete terminal credential; delete it and enroll the terminal again.`,
    );
  }
  return value as TerminalCredential;
}

/** The `Authorization` header value the terminal sends to the sync-server. */
export function authorizationOf(credential: TerminalCredential): string {
  return `Basic ${Buffer.from(`${credential.terminalId}:${credential.password}`).toString('base64')}`;
}

/**
 * Exchanges a one-time enrollment code at the server's `POST /_pos/enroll` and stores the credential
 * it returns (shown once by the server) in the host's data folder, readable by this user only. The
 * renderer never receives the password, only the Authorization header value, on request.
 */
export async function enrollTerminal(options: {
  readonly serverUrl: string;
  readonly code: string;
  readonly path: string;
  readonly now: Date;
  readonly fetch?: FetchFn;
}): Promise<TerminalCredential> {
  const serverUrl = options.serverUrl.replace(/\/$/, '');
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await send(`${serverUrl}/_pos/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: options.code.trim() }),
    });
  } catch (error) {
    throw new DomainError(
      'enrollment.unreachable',
      `The sync-server at ${serverUrl} did not answer (${error instanceof Error ? error.message : String(error)}); check the address and the network, then try again.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const reason = typeof body['reason'] === 'string' ? body['reason'] : `HTTP ${response.status}`;
    throw new DomainError('enrollment.refused', `The sync-server refused the enrollment: ${reason}`, {
      status: response.status,
    });
  }
  const { name, password, storeId } = body;
  if (typeof name !== 'string' || typeof password !== 'string' || typeof storeId !== 'string') {
    throw new DomainError(
      'enrollment.bad-answer',
      `The sync-server at ${serverUrl} answered the enrollment without a terminal credential; is it a Store OS sync-server?`,
    );
  }
  const credential: TerminalCredential = {
    serverUrl,
    terminalId: name,
    storeId,
    password,
    enrolledAt: options.now.toISOString(),
  };
  await writePrivateFile(options.path, JSON.stringify(credential, null, 2) + '\n');
  return credential;
}

/** Writes a file only this user can read (0600), durably: temporary file, fsync, rename. */
async function writePrivateFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileDurably(path, text, { mode: 0o600 });
}
