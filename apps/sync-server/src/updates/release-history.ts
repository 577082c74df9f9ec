// Every manifest IT ever published, kept beside the channel (`<updates>/history/<serial>.json`, written
// by publishRelease before manifest.json) so HQ can show the releases, halts and rollbacks in order.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseUpdateEnvelope, type UpdateEnvelope } from '@store-os/shared/updates';

/** The folder of published manifests inside the update channel's folder. */
export const HISTORY_DIR = 'history';

/** The history file of a serial (zero-padded, so a plain sort is serial order). */
export const historyFileName = (serial: number) => `${String(serial).padStart(12, '0')}.json`;

/** What a publish did, read from its manifest against the ones before it. */
export type ReleaseAction = 'published' | 'halted' | 'rolled-back' | 'resumed' | 'changed';

/** One published manifest as HQ lists it. */
export interface ReleaseHistoryEntry {
  serial: number;
  version: string;
  action: ReleaseAction;
  current: boolean;
  halted: boolean;
  releasedAt: string;
  expiresAt: string;
  rollout: { groups: string[]; percentage: number };
  keyId: string;
  files: { name: string; platform: string; size: number }[];
  notes?: string;
}

/** Compares dotted numeric versions (`2.10.0` > `2.9.1`); a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split(/[-+]/, 2);
    return { parts: core.split('.').map((p) => Number.parseInt(p, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** What each manifest did, in serial order. */
export function describeReleases(envelopes: readonly UpdateEnvelope[]): ReleaseHistoryEntry[] {
  const sorted = [...envelopes].sort((a, b) => a.manifest.serial - b.manifest.serial);
  const currentSerial = sorted.at(-1)?.manifest.serial;
  let highest: string | undefined;
  let previous: UpdateEnvelope['manifest'] | undefined;
  return sorted.map(({ manifest: m, signature }) => {
    let action: ReleaseAction;
    if (m.halted) action = 'halted';
    else if (highest !== undefined && compareVersions(m.version, highest) < 0) action = 'rolled-back';
    else if (previous?.version === m.version) action = previous.halted ? 'resumed' : 'changed';
    else action = 'published';
    if (highest === undefined || compareVersions(m.version, highest) > 0) highest = m.version;
    previous = m;
    return {
      serial: m.serial,
      version: m.version,
      action,
      current: m.serial === currentSerial,
      halted: m.halted,
      releasedAt: m.releasedAt,
      expiresAt: m.expiresAt,
      rollout: { groups: [...m.rollout.groups], percentage: m.rollout.percentage },
      keyId: signature.keyId,
      files: m.files.map((f) => ({ name: f.name, platform: f.platform, size: f.size })),
      ...(m.notes === undefined ? {} : { notes: m.notes }),
    };
  });
}

/**
 * The published history of a channel folder, newest first. A folder published before the history
 * existed contributes its current manifest.json.
 */
export async function readReleaseHistory(dir: string): Promise<ReleaseHistoryEntry[]> {
  const envelopes = new Map<number, UpdateEnvelope>();
  let names: string[] = [];
  try {
    names = await readdir(join(dir, HISTORY_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const name of names.filter((n) => /^\d{12}\.json$/.test(n))) {
    const envelope = parseUpdateEnvelope(JSON.parse(await readFile(join(dir, HISTORY_DIR, name), 'utf8')));
    envelopes.set(envelope.manifest.serial, envelope);
  }
  try {
    const current = parseUpdateEnvelope(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    if (!envelopes.has(current.manifest.serial)) envelopes.set(current.manifest.serial, current);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return describeReleases([...envelopes.values()]).reverse();
}
