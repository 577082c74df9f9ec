import {
  assertHostEvent,
  DomainError,
  type Clock,
  type HostEvent,
  type HostEventPayload,
  type HostHandlers,
  type HostRequest,
  type HostResponse,
} from '@store-os/shared';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceHost } from './device-host';
import { Journal } from './journal';
import { pinMatches } from './session/pin-hash';
import { PinLockout, type LockoutPolicy } from './session/pin-lockout';
import {
  authorizationOf,
  enrollTerminal,
  readCredential,
  type TerminalCredential,
} from './session/terminal-credential';
import {
  cardApprovalsPathIn,
  credentialPathIn,
  heldSalesPathIn,
  journalPathIn,
  lockoutPathIn,
} from './terminal-options';
import { CardApprovals } from './card-approvals';
import { HeldSalesFile } from './held-sales-file';
import { recoverCardApprovals } from './recover-card-approvals';

/** How this terminal runs; who it is comes from its enrollment (the credential file in `dataDir`). */
export interface TerminalHostConfig {
  readonly version: string;
  readonly mode: HostResponse<'app.info'>['mode'];
  /** The app's data folder (outside the browser profile): journal, credential, PIN lockouts. */
  readonly dataDir: string;
  /** The sync-server this terminal was started against: the enrollment form's suggestion. */
  readonly syncServerUrl: string | null;
  /** Development and tests without any server: this identity, no enrollment, no sync. */
  readonly standalone?: {
    readonly terminalId: string;
    readonly storeId: string;
    /** Staff documents to sign in with, since no server replicates any (development and tests). */
    readonly staff?: readonly Readonly<Record<string, unknown>>[];
  };
  readonly lockout?: LockoutPolicy;
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** What the counter reported last: the updater installs only when this allows it. */
export type TerminalActivity = HostRequest<'terminal.activity'>;

/** Receives every host event, already validated against the contract. */
export type HostEventSink = <E extends HostEvent>(event: E, payload: HostEventPayload<E>) => void;

/** The running host: the contract's handlers, plus event fan-out and shutdown. */
export interface TerminalHost {
  readonly handlers: HostHandlers;
  readonly journal: Journal;
  readonly approvals: CardApprovals;
  /** Settles when the card approvals a crash left open have been resolved (reversed or settled). */
  readonly recovered: Promise<void>;
  /** The latest activity the renderer reported (no renderer yet: nothing in progress, install allowed). */
  readonly activity: TerminalActivity;
  /** Calls `listener` after each activity report (the updater retries a deferred install on it). */
  onActivity(listener: () => void): () => void;
  /** The sync-server the renderer may connect to (the enrolled one, else the one suggested at start), for the CSP. */
  syncServerUrl(): string | null;
  /** Adds an event receiver (a window, a WebSocket); returns the function that removes it. */
  addSink(sink: HostEventSink): () => void;
  close(): Promise<void>;
}

/**
 * Starts the host services the renderer reaches through the contract: the journal and the device host.
 * Plain Node, no electron: Electron main and the browser-mode host both run exactly this.
 */
export async function startTerminalHost(
  config: TerminalHostConfig,
  devices: DeviceHost,
  clock: Clock,
): Promise<TerminalHost> {
  const journal = await Journal.open(journalPathIn(config.dataDir), clock);
  const approvals = await CardApprovals.open(cardApprovalsPathIn(config.dataDir));
  const held = new HeldSalesFile(heldSalesPathIn(config.dataDir));
  // Card amounts by transaction, from payment.start, so an approval can be journaled with what it charged.
  const cardAmounts = new Map<string, { amount: number; currency: string }>();
  const lockout = await PinLockout.open(lockoutPathIn(config.dataDir), clock, config.lockout);
  const credentialPath = credentialPathIn(config.dataDir);
  // The store's staff as last replicated, so a wiped browser profile with no network can still sign in.
  const staffPath = join(config.dataDir, 'staff.json');
  let credential: TerminalCredential | undefined = await readCredential(credentialPath);
  let activity: TerminalActivity = { saleInProgress: false, installAllowed: true };
  const activityListeners = new Set<() => void>();
  const identity = (): { terminalId: string; storeId: string } => {
    const who = credential ?? config.standalone;
    // Only the two ids: the credential object also holds the password, which never crosses to the renderer.
    if (who) return { terminalId: who.terminalId, storeId: who.storeId };
    throw new DomainError(
      'terminal.not-enrolled',
      'This terminal is not enrolled yet: enter the sync-server address and the enrollment code IT gave you.',
    );
  };
  const enrollmentStatus = (): HostResponse<'enrollment.status'> => ({
    enrolled: credential !== undefined || config.standalone !== undefined,
    syncServerUrl: credential?.serverUrl ?? config.syncServerUrl,
    terminalId: (credential ?? config.standalone)?.terminalId ?? null,
    storeId: (credential ?? config.standalone)?.storeId ?? null,
  });
  const startedAt = clock.now();
  const sinks = new Set<HostEventSink>();
  const emit: HostEventSink = (event, payload) => {
    const checked = assertHostEvent(event, payload);
    for (const sink of sinks) sink(event, checked);
  };
  // In the background: the renderer may start meanwhile; payment.recoveries waits for it.
  const recovered = recoverCardApprovals({ approvals, journal, devices, clock }).catch((error: unknown) => {
    console.error(`Card approvals left open by a crash could not be resolved: ${String(error)}`);
  });
  const unsubscribeDevices = devices.subscribe((e) => {
    if (e.type === 'scanner.data') emit('scanner.data', e.payload);
    else emit('device.status', e.payload);
  });

  const handlers: HostHandlers = {
    'app.info': () =>
      Promise.resolve({
        version: config.version,
        mode: config.mode,
        ...identity(),
        syncServerUrl: credential?.serverUrl ?? null,
        startedAt,
      }),
    'sync.authorization': () => Promise.resolve({ value: credential ? authorizationOf(credential) : null }),
    'enrollment.status': () => Promise.resolve(enrollmentStatus()),
    'enrollment.enroll': async ({ serverUrl, code }) => {
      if (credential || config.standalone) {
        throw new DomainError(
          'enrollment.already-enrolled',
          `This terminal is already enrolled as ${identity().terminalId}; to enroll it again, delete ${credentialPath} first.`,
        );
      }
      credential = await enrollTerminal({
        serverUrl,
        code,
        path: credentialPath,
        now: new Date(clock.now()),
        ...(config.fetch ? { fetch: config.fetch } : {}),
      });
      return enrollmentStatus();
    },
    'session.verifyPin': async ({ userId, pin, credential: stored }) => {
      const before = lockout.stateOf(userId);
      if (before.lockedUntil !== null) return { outcome: 'locked', ...before };
      const after = await lockout.record(userId, await pinMatches(pin, stored));
      const outcome = after.failures === 0 ? 'accepted' : after.lockedUntil !== null ? 'locked' : 'refused';
      return { outcome, ...after };
    },
    'staff.local': async () => ({
      documents: config.standalone
        ? (config.standalone.staff ?? []).map((d) => ({ ...d }))
        : await readFile(staffPath, 'utf8').then(
            (text) => JSON.parse(text) as Record<string, unknown>[],
            () => [],
          ),
    }),
    'staff.remember': async ({ documents }) => {
      // Only staff documents (PIN hashes, never PINs), written whole so a crash leaves the old list.
      const staff = documents.filter((d) => d['type'] === 'staff');
      await writeFile(`${staffPath}.tmp`, JSON.stringify(staff), { mode: 0o600 });
      await rename(`${staffPath}.tmp`, staffPath);
      return {};
    },
    'terminal.activity': (request) => {
      activity = request;
      for (const listener of activityListeners) listener();
      return Promise.resolve({});
    },
    'journal.append': async (entry) => {
      const appended = await journal.append(entry);
      // Only now is the card approval this sale took no longer at risk of being charged for nothing.
      await approvals.settle(entry);
      return appended;
    },
    'journal.resume': ({ database }) => Promise.resolve(journal.resume(database)),
    'journal.since': ({ afterSeq, limit }) => journal.page(afterSeq, limit),
    'journal.replayed': async ({ database, upToSeq, restored }) => {
      await journal.replayed(database, upToSeq);
      emit('journal.replay', { total: upToSeq, restored, damaged: journal.damaged.length });
      return {};
    },
    'holds.load': async () => ({ value: await held.load() }),
    'holds.save': async ({ value, aside }) => {
      await (aside === true ? held.keepAside(value) : held.save(value));
      return {};
    },
    'payment.recoveries': async () => {
      await recovered;
      return { recoveries: approvals.recoveries() };
    },
    'payment.recoveriesAudited': async ({ transactionIds }) => {
      await approvals.audited(transactionIds);
      return {};
    },
    'devices.list': () => devices.list(),
    'devices.status': (request) => devices.status(request),
    'printer.print': (job) => devices.print(job),
    'drawer.open': (request) => devices.openDrawer(request),
    'payment.start': (request) => {
      cardAmounts.set(request.transactionId, { amount: request.amount, currency: request.currency });
      return devices.paymentStart(request);
    },
    'payment.status': async (request) => {
      const status = await devices.paymentStatus(request);
      const charged = cardAmounts.get(request.transactionId);
      if (status.state === 'approved' && status.approval && charged && charged.amount > 0) {
        // Journaled before the renderer hears "approved", so a crash before the sale completes is reversed at start.
        await approvals.approved({
          transactionId: request.transactionId,
          ...charged,
          approvedAt: clock.now(),
          authCode: status.approval.authCode,
          maskedPan: status.approval.maskedPan,
          token: status.approval.token,
          journalAt: journal.position,
        });
        cardAmounts.delete(request.transactionId);
      }
      return status;
    },
    'payment.abort': (request) => devices.paymentAbort(request),
    'display.text': (request) => devices.displayText(request),
    'scale.read': (request) => devices.scaleRead(request),
  };

  return {
    handlers,
    journal,
    approvals,
    recovered,
    get activity() {
      return activity;
    },
    syncServerUrl: () => credential?.serverUrl ?? config.syncServerUrl,
    onActivity(listener) {
      activityListeners.add(listener);
      return () => activityListeners.delete(listener);
    },
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      unsubscribeDevices();
      sinks.clear();
      await recovered;
      await devices.close();
      await journal.close();
      await approvals.close();
    },
  };
}
