// What terminals report after each update check (the host's UpdateReport): HQ keeps a bounded history
// per terminal so the console shows who installed, deferred, or refused a release, and why.
import type { Principal } from '../auth/principal';
import { badRequest, forbidden } from '../http/couch-error';
import type { FiguresStore } from './figures-store';

/** Reports kept per terminal (older ones are pruned as new ones arrive). */
export const UPDATE_REPORT_HISTORY = 200;

const OUTCOMES = [
  'no-release',
  'up-to-date',
  'no-change',
  'deferred',
  'install-ready',
  'installed',
  'refused',
  'failed',
] as const;

/** One update check as a terminal reports it (local paths are not sent). */
export interface UpdateCheckReport {
  terminalId: string;
  currentVersion: string;
  checkedAt: string;
  outcome: (typeof OUTCOMES)[number];
  targetVersion?: string;
  serial?: number;
  code?: string;
  message?: string;
}

/** A report as stored, with the terminal's store and the server's receive time. */
export type StoredUpdateReport = UpdateCheckReport & { storeId: string; receivedAt: string };

const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

/** Checks a posted report; anything unexpected is a 400 that says which field. */
export function parseUpdateReport(body: Record<string, unknown>): UpdateCheckReport {
  const text = (name: string, max: number, pattern?: RegExp): string | undefined => {
    const v = body[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length === 0 || v.length > max || (pattern && !pattern.test(v)))
      throw badRequest(
        `Update report field "${name}" must be a string of 1 to ${max} characters${pattern ? ' (a version)' : ''}.`,
      );
    return v;
  };
  const allowed = new Set([
    'terminalId',
    'currentVersion',
    'checkedAt',
    'outcome',
    'targetVersion',
    'serial',
    'code',
    'message',
    'installerPath',
    'installerSha512',
  ]);
  for (const key of Object.keys(body))
    if (!allowed.has(key)) throw badRequest(`Update report field "${key}" is not known.`);
  const terminalId = text('terminalId', 64);
  const currentVersion = text('currentVersion', 64, VERSION);
  const checkedAt = text('checkedAt', 40);
  const outcome = body['outcome'];
  if (!terminalId || !currentVersion || !checkedAt || Number.isNaN(Date.parse(checkedAt)))
    throw badRequest('An update report needs terminalId, currentVersion and checkedAt (ISO time).');
  if (typeof outcome !== 'string' || !(OUTCOMES as readonly string[]).includes(outcome))
    throw badRequest(`Update report "outcome" must be one of ${OUTCOMES.join(', ')}.`);
  const serial = body['serial'];
  if (serial !== undefined && (!Number.isSafeInteger(serial) || (serial as number) < 0))
    throw badRequest('Update report "serial" must be a non-negative integer.');
  const targetVersion = text('targetVersion', 64, VERSION);
  const code = text('code', 100);
  const message = text('message', 2000);
  return {
    terminalId,
    currentVersion,
    checkedAt,
    outcome: outcome as UpdateCheckReport['outcome'],
    ...(targetVersion === undefined ? {} : { targetVersion }),
    ...(serial === undefined ? {} : { serial: serial as number }),
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
  };
}

/** Only the terminal itself reports, for its own store. */
export function checkReporter(p: Principal, report: UpdateCheckReport): string {
  if (report.terminalId !== p.name || !p.storeId)
    throw forbidden(`You are terminal ${p.name}; this update report is for ${report.terminalId}.`);
  return p.storeId;
}

let sequence = 0;

export async function recordUpdateReport(
  figures: FiguresStore,
  report: UpdateCheckReport,
  storeId: string,
  receivedAt: string,
): Promise<void> {
  const seq = (sequence = (sequence + 1) % 1_000_000_000);
  await figures.transact(() => {
    const { db } = figures;
    db.prepare(
      'INSERT INTO hq_update_report (terminal_id, received_at, seq, store_id, body) VALUES (?, ?, ?, ?, ?)',
    ).run(report.terminalId, receivedAt, seq, storeId, JSON.stringify(report));
    db.prepare(
      `DELETE FROM hq_update_report WHERE terminal_id = ? AND received_at < (
         SELECT received_at FROM hq_update_report WHERE terminal_id = ?
         ORDER BY received_at DESC LIMIT 1 OFFSET ?)`,
    ).run(report.terminalId, report.terminalId, UPDATE_REPORT_HISTORY - 1);
  });
}

interface Row {
  store_id: string;
  received_at: string;
  body: string;
}
const toStored = (r: Row): StoredUpdateReport => ({
  ...(JSON.parse(r.body) as UpdateCheckReport),
  storeId: r.store_id,
  receivedAt: r.received_at,
});

/** Recent reports, newest first: of one terminal, or of every terminal of `storeIds` (all when absent). */
export function updateReports(
  figures: FiguresStore,
  opts: { terminalId?: string; storeIds?: string[]; limit: number },
): StoredUpdateReport[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (opts.terminalId !== undefined) {
    where.push('terminal_id = ?');
    args.push(opts.terminalId);
  }
  if (opts.storeIds) {
    where.push(`store_id IN (${opts.storeIds.map(() => '?').join(',') || "''"})`);
    args.push(...opts.storeIds);
  }
  args.push(opts.limit);
  return figures.db
    .prepare<(string | number)[], Row>(
      `SELECT store_id, received_at, body FROM hq_update_report
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, seq DESC LIMIT ?`,
    )
    .all(...args)
    .map(toStored);
}

/** The latest report of every terminal (of `storeIds` when given). */
export function latestUpdateReports(figures: FiguresStore, storeIds?: string[]): StoredUpdateReport[] {
  const args: string[] = storeIds ?? [];
  return figures.db
    .prepare<string[], Row>(
      `SELECT r.store_id, r.received_at, r.body FROM hq_update_report r
       WHERE r.received_at = (SELECT MAX(received_at) FROM hq_update_report WHERE terminal_id = r.terminal_id)
       ${storeIds ? `AND r.store_id IN (${storeIds.map(() => '?').join(',') || "''"})` : ''}
       ORDER BY r.terminal_id, r.seq DESC`,
    )
    .all(...args)
    .map(toStored)
    .filter((r, i, all) => i === 0 || all[i - 1]?.terminalId !== r.terminalId);
}
