// The services' replica of a CouchDB cluster (`--couch-url`): an embedded store in the server's data
// folder that replicates both ways with the cluster's `catalog`, `web-orders`, `hq` and every
// `store-<id>` database, so HQ, the integration API and the update channel run unchanged on it. What
// they write (web orders, reservations, catalog edits, PIN resets, customer merges) reaches the cluster
// on the next pass; what terminals write to the cluster reaches them the same way. `stock-levels` is not
// replicated: each side derives it from the same movements (the cluster's roll-up for terminals, the
// embedded roll-up for the services), so it never has two writers. A fulfillment changed on both sides
// between two passes becomes a conflict on both; the pass that brings it in closes it on the replica
// (fulfillment-conflicts.ts) and pushes the resolution at once, so both sides end with one merged winner.
import { securityFor } from '../auth/access-policy';
import type { AuthStore } from '../auth/auth-store';
import type { SqliteStore } from '../storage/sqlite-store';
import type { CouchClient } from './couch-client';
import { resolveFulfillmentConflict } from './fulfillment-conflicts';
import { replicateOnce, revKeyId } from './replicate-once';

/** Pulled revisions remembered per database so the next push skips them (beyond this, `_revs_diff` does). */
const ECHO_LIMIT = 100_000;

/** Databases replicated besides the store databases. */
export const REPLICATED_DATABASES = ['catalog', 'web-orders', 'hq'] as const;
const PULL = 'pos-replica-pull';
const PUSH = 'pos-replica-push';
/** Writes on the replica are collected this long before a pass pushes them. */
const SOON_MS = 50;
/** Fulfillment documents' id prefix (`naturalId('fulfillment', orderId)`). */
const FULFILLMENT = 'fulfillment:';

/** What one pass did, summed over databases. */
export interface PassResult {
  /** Cluster changes read (after the pull checkpoints) and revisions written to the replica. */
  pullRead: number;
  pulled: number;
  pushed: number;
  /** Fulfillment conflicts closed (merged winner written, losing leaves deleted). */
  resolved: number;
  /** `<db>: <id> <error>` for every revision a side refused. */
  refused: string[];
  /** `<db>: <error>` for every database that could not be replicated this pass. */
  failed: string[];
}

export class ClusterReplica {
  /** The replica's update sequence already pushed, per database (no request while nothing changed). */
  private readonly pushedAt = new Map<string, number>();
  /** The cluster sequence each database was pulled up to (saved on the replica too, read once). */
  private readonly pulledTo = new Map<string, string>();
  /** Revisions just pulled from the cluster: the next push need not ask the cluster about them. */
  private readonly echoes = new Map<string, Set<string>>();
  /** Fulfillments whose resolution a concurrent writer interrupted: tried again on the next pass. */
  private readonly unresolved = new Map<string, Set<string>>();
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Passes completed (0 until the replica has caught up with the cluster once). */
  passes = 0;

  constructor(
    private readonly cluster: CouchClient,
    private readonly local: CouchClient,
    private readonly store: SqliteStore,
    private readonly auth: AuthStore,
    private readonly log: (line: string) => void,
  ) {}

  /** One pass over every database: local writes out, then cluster writes in. Passes never overlap. */
  sync(): Promise<PassResult> {
    const pass = this.running.then(() => this.pass());
    this.running = pass.catch(() => undefined);
    return pass;
  }

  /** Runs a pass every `intervalMs` (and logs what failed) until `stop()`. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  /** The replica was written (a web order, a PIN reset): push it on a pass shortly, not at the next tick. */
  soon(): void {
    if (this.stopped || this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      this.tick();
    }, SOON_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.soonTimer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.sync().then(
      (r) => {
        for (const line of [...r.refused, ...r.failed]) this.log(`cluster replica: ${line}`);
      },
      (error: unknown) => this.log(`cluster replica failed: ${String(error)}`),
    );
  }

  private async pass(): Promise<PassResult> {
    const result: PassResult = { pullRead: 0, pulled: 0, pushed: 0, resolved: 0, refused: [], failed: [] };
    const all = (await this.cluster.request<string[]>('GET', '/_all_dbs')).body;
    const dbs = [...REPLICATED_DATABASES, ...all.filter((db) => db.startsWith('store-'))];
    for (const db of dbs) {
      if (this.stopped) break;
      try {
        await this.ensureLocal(db);
        const before = this.store.info(db)?.updateSeq ?? 0;
        if (this.pushedAt.get(db) !== before) {
          await this.push(db, result);
        }
        const since = this.pulledTo.get(db);
        const pulled = await replicateOnce(this.cluster, this.local, db, PULL, since ? { since } : {});
        this.pulledTo.set(db, pulled.lastSeq);
        if (pulled.writtenRevs.length > 0) {
          const echoes = this.echoes.get(db) ?? new Set<string>();
          if (echoes.size + pulled.writtenRevs.length <= ECHO_LIMIT) {
            for (const key of pulled.writtenRevs) echoes.add(key);
            this.echoes.set(db, echoes);
          } else this.echoes.delete(db);
        }
        result.pullRead += pulled.read;
        result.pulled += pulled.written;
        result.refused.push(...pulled.refused.map((r) => `${db} (from the cluster): ${r.id} ${r.error}`));
        if (db.startsWith('store-')) await this.resolveConflicts(db, pulled.writtenRevs, result);
      } catch (error) {
        result.failed.push(`${db}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.passes += 1;
    return result;
  }

  /**
   * Closes the conflicts of the fulfillments a pull just wrote (and of those a writer interrupted last
   * time), then pushes the resolutions in this pass rather than a second later. The first pass also
   * looks at every fulfillment with more than one leaf: a pass that pulled a conflict may have stopped
   * before resolving it, and its checkpoint was already saved.
   */
  private async resolveConflicts(db: string, pulledRevs: string[], result: PassResult): Promise<void> {
    const ids = new Set(this.unresolved.get(db));
    for (const key of pulledRevs) if (revKeyId(key).startsWith(FULFILLMENT)) ids.add(revKeyId(key));
    if (this.passes === 0) for (const id of this.conflictCandidates(db)) ids.add(id);
    this.unresolved.delete(db);
    let resolved = 0;
    const again = new Set<string>();
    for (const id of ids) {
      // One document that cannot be resolved (its merge refused) never holds up the others.
      const outcome = await resolveFulfillmentConflict(this.local, db, id).catch((error: unknown) => {
        result.failed.push(
          `${db}: resolving ${id}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return 'failed' as const;
      });
      if (outcome === 'resolved') resolved += 1;
      else if (outcome === 'changed-meanwhile') again.add(id);
    }
    if (again.size > 0) this.unresolved.set(db, again);
    result.resolved += resolved;
    if (resolved > 0) await this.push(db, result);
  }

  /** Pushes the replica's changes of `db` to the cluster (skipping the revisions it just pulled). */
  private async push(db: string, result: PassResult): Promise<void> {
    const before = this.store.info(db)?.updateSeq ?? 0;
    const echoes = this.echoes.get(db);
    const pushed = await replicateOnce(this.local, this.cluster, db, PUSH, {
      ...(echoes ? { known: echoes } : {}),
    });
    this.echoes.delete(db);
    result.pushed += pushed.written;
    result.refused.push(...pushed.refused.map((r) => `${db} (to the cluster): ${r.id} ${r.error}`));
    this.pushedAt.set(db, before);
  }

  /** Fulfillments of `db` on the replica with more than one leaf (live conflicts among them). */
  private conflictCandidates(db: string): string[] {
    const info = this.store.info(db);
    if (!info) return [];
    const query = {
      startkey: FULFILLMENT,
      endkey: `${FULFILLMENT}\uffff`,
      inclusiveEnd: true,
      descending: false,
      limit: Number.MAX_SAFE_INTEGER,
      skip: 0,
    };
    return this.store
      .range(info, query, false)
      .filter((row) => (JSON.parse(row.leaves) as string[]).length > 1)
      .map((row) => row.id);
  }

  /** Creates the replica's copy of a database (and the store the fleet view lists) on first sight. */
  private async ensureLocal(db: string): Promise<void> {
    if (this.store.info(db)) return;
    await this.store.createDb(db, securityFor(db));
    if (db.startsWith('store-')) {
      const id = db.slice('store-'.length);
      await this.auth.addStore(id, id);
    }
  }
}
