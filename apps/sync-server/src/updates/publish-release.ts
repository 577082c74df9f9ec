// Publishing = writing into the folder the sync-server serves under /_updates/. Order: installers first
// (checked against the manifest), then the feeds, then manifest.json last, so a terminal that sees the
// new manifest always finds its files. Nothing is ever deleted: a rollback re-points at old files.
// Each published manifest is also kept in `history/` for HQ's release history (release-history.ts).
import { copyFile, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  feedFileName,
  feedFor,
  parseUpdateEnvelope,
  type UpdateEnvelope,
  type UpdatePlatform,
} from '@store-os/shared/updates';
import { stringify } from 'yaml';
import { syncDirectory, writeFileAtomic } from './atomic-write';
import { fileDigest } from './file-digest';
import { HISTORY_DIR, historyFileName } from './release-history';

/** The file terminals fetch first. */
export const MANIFEST_FILE = 'manifest.json';

/** What to publish: a signed envelope and, for files not yet in the folder, where they are now. */
export interface PublishInput {
  dir: string;
  envelope: UpdateEnvelope;
  /** Folder holding the installers named in the manifest; omit for a halt or a rollback. */
  filesFrom?: string;
}

/** The envelope currently published in `dir`, or undefined before the first release. */
export async function readPublished(dir: string): Promise<UpdateEnvelope | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseUpdateEnvelope(JSON.parse(text));
}

/** Publishes a signed release into `dir`; refuses a serial that would not supersede what is there. */
export async function publishRelease(input: PublishInput): Promise<void> {
  const envelope = parseUpdateEnvelope(input.envelope);
  const { manifest } = envelope;
  await mkdir(input.dir, { recursive: true });
  const current = await readPublished(input.dir);
  if (current && manifest.serial <= current.manifest.serial) {
    throw new Error(
      `Serial ${manifest.serial} is not above the published ${current.manifest.serial}: terminals would refuse it. Sign again with --serial ${current.manifest.serial + 1}.`,
    );
  }
  for (const file of manifest.files) {
    const target = join(input.dir, file.name);
    const have = await exists(target);
    if (!have && input.filesFrom === undefined) {
      throw new Error(`${file.name} is not in ${input.dir}; pass --files <folder holding it>.`);
    }
    const source = have ? target : join(input.filesFrom ?? '', file.name);
    const digest = await fileDigest(source);
    if (digest.size !== file.size || digest.sha512 !== file.sha512) {
      throw new Error(
        `${source} does not match the signed manifest (size ${digest.size} vs ${file.size}, or SHA-512 differs); sign the release again from these files.`,
      );
    }
    if (!have) {
      const temp = join(input.dir, `.${file.name}.tmp`);
      await copyFile(source, temp);
      await fsyncFile(temp);
      await rename(temp, target);
    }
  }
  await syncDirectory(input.dir);
  const platforms = [...new Set(manifest.files.map((f) => f.platform))] as UpdatePlatform[];
  for (const platform of platforms) {
    await writeFileAtomic(
      join(input.dir, feedFileName(platform)),
      stringify(feedFor(manifest, platform), { lineWidth: 0 }),
    );
  }
  // The history first: a manifest that terminals can see is always in HQ's release history.
  const text = `${JSON.stringify(envelope, null, 2)}\n`;
  await mkdir(join(input.dir, HISTORY_DIR), { recursive: true });
  await writeFileAtomic(join(input.dir, HISTORY_DIR, historyFileName(manifest.serial)), text);
  await writeFileAtomic(join(input.dir, MANIFEST_FILE), text);
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
