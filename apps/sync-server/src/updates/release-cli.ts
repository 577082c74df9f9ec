// IT's release tool. Run from the repo root with `npx tsx apps/sync-server/src/updates/release-cli.ts`:
//   keygen    --key-id <id> --out <folder> [--terminal-keys <keys file>]
//             → <id>.private.json (0600, keep offline) + <id>.public.json; with --terminal-keys, the public key
//               is added to the keys file a terminal build embeds (apps/terminal/update-keys.json)
//   sign-keys --key <private.json> --serial <n> --add <public.json>... [--retire <keyId>...] --out <keys.json>
//   sign      --key <private.json> --version <semver> --file <path>:<linux|windows>... --out <manifest.json>
//             [--serial <n> | --dir <published folder> (serial = published + 1)] [--expires-days 30]
//             [--percentage <0..100>, default 100 or --from's] [--group <name>...] [--halt] [--notes <text>] [--key-list <keys.json>]
//             [--from <manifest.json>]  (re-sign a release: version, files and rollout from it; halt/rollback)
//   publish   --dir <data>/updates --manifest <manifest.json> [--files <folder with the installers>]
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  parseSignedKeyList,
  parseUpdateEnvelope,
  type TrustedKey,
  type UpdatePlatform,
} from '@store-os/shared/updates';
import { writeFileAtomic } from './atomic-write';
import { generateSigningKey, type SigningKey } from './ed25519';
import { publishRelease, readPublished } from './publish-release';
import { buildManifest, signKeyList, signManifest } from './sign-release';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    'key-id': { type: 'string' },
    out: { type: 'string' },
    key: { type: 'string' },
    serial: { type: 'string' },
    add: { type: 'string', multiple: true },
    retire: { type: 'string', multiple: true },
    version: { type: 'string' },
    file: { type: 'string', multiple: true },
    dir: { type: 'string' },
    'expires-days': { type: 'string', default: '30' },
    percentage: { type: 'string' },
    group: { type: 'string', multiple: true },
    halt: { type: 'boolean', default: false },
    notes: { type: 'string' },
    'key-list': { type: 'string' },
    from: { type: 'string' },
    manifest: { type: 'string' },
    files: { type: 'string' },
    'terminal-keys': { type: 'string' },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`release-cli ${command ?? ''}: ${message}`);
  process.exit(2);
}

function required(name: keyof typeof values): string {
  const value = values[name];
  return typeof value === 'string' ? value : fail(`--${name} is required`);
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer in ${min}..${max}`);
  return n;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

async function readSigningKey(path: string): Promise<SigningKey> {
  const key = (await readJson(path)) as Partial<SigningKey>;
  if (typeof key.keyId !== 'string' || typeof key.privateKey !== 'string')
    fail(`${path} is not a key file written by "keygen"`);
  return { keyId: key.keyId, privateKey: key.privateKey };
}

async function keygen(): Promise<void> {
  const keyId = required('key-id');
  const out = required('out');
  const { signing, trusted } = generateSigningKey(keyId);
  await mkdir(out, { recursive: true });
  const privatePath = join(out, `${keyId}.private.json`);
  await writeFile(privatePath, `${JSON.stringify(signing, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(privatePath, 0o600);
  await writeFile(join(out, `${keyId}.public.json`), `${JSON.stringify(trusted, null, 2)}\n`);
  console.log(`wrote ${privatePath} (keep it offline) and ${keyId}.public.json`);
  const keysFile = values['terminal-keys'];
  if (keysFile === undefined) {
    console.log(
      `to build it into the terminal: keygen --terminal-keys apps/terminal/update-keys.json, or add`,
    );
    console.log(`  ${JSON.stringify(trusted)}`);
    console.log(`to the "keys" of that file (or of the file STORE_OS_UPDATE_KEYS_FILE names at build time)`);
    return;
  }
  const keys = await readTerminalKeys(keysFile);
  if (keys.some((k) => k.keyId === keyId)) fail(`${keysFile} already lists a key ${keyId}`);
  await mkdir(dirname(keysFile), { recursive: true });
  await writeFileAtomic(keysFile, `${JSON.stringify({ keys: [...keys, trusted] }, null, 2)}\n`);
  console.log(`added ${keyId} to ${keysFile}: terminals built from it trust this key`);
}

/** The keys of a terminal keys file (`{"keys": [...]}`); none when it does not exist yet. */
async function readTerminalKeys(path: string): Promise<TrustedKey[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const keys = (JSON.parse(text) as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) fail(`${path} is not a terminal keys file ({"keys": [...]})`);
  return keys as TrustedKey[];
}

async function signKeys(): Promise<void> {
  const key = await readSigningKey(required('key'));
  const keys: TrustedKey[] = [];
  for (const path of values.add ?? []) keys.push((await readJson(path)) as TrustedKey);
  const signed = signKeyList(
    {
      schema: 'store-os.update-keys',
      serial: integer('serial', required('serial'), 1, Number.MAX_SAFE_INTEGER),
      keys,
      retired: values.retire ?? [],
    },
    key,
  );
  await writeFile(required('out'), `${JSON.stringify(signed, null, 2)}\n`);
  console.log(`signed key list serial ${signed.keyList.serial} with ${key.keyId}`);
}

async function sign(): Promise<void> {
  const key = await readSigningKey(required('key'));
  const base = values.from ? parseUpdateEnvelope(await readJson(values.from)).manifest : undefined;
  const published = values.dir ? await readPublished(values.dir) : undefined;
  const serial = values.serial
    ? integer('serial', values.serial, 1, Number.MAX_SAFE_INTEGER)
    : values.dir
      ? (published?.manifest.serial ?? 0) + 1
      : fail('--serial <n> or --dir <published folder> is required');
  const now = new Date();
  const days = integer('expires-days', values['expires-days'], 1, 366);
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  const rollout = {
    groups: values.group ?? base?.rollout.groups ?? [],
    percentage: values.percentage
      ? integer('percentage', values.percentage, 0, 100)
      : (base?.rollout.percentage ?? 100),
  };
  let manifest;
  if (base && !values.file) {
    manifest = {
      ...base,
      serial,
      releasedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      rollout,
      halted: values.halt,
    };
  } else {
    const files = (values.file ?? fail('--file <path>:<linux|windows> is required')).map((spec) => {
      const colon = spec.lastIndexOf(':');
      const suffix = spec.slice(colon + 1);
      const platform: UpdatePlatform =
        colon > 0 && (suffix === 'linux' || suffix === 'windows')
          ? suffix
          : fail(`--file ${spec}: write <path>:linux or <path>:windows`);
      return { path: spec.slice(0, colon), platform };
    });
    manifest = await buildManifest({
      version: values.version ?? base?.version ?? fail('--version is required'),
      serial,
      files,
      releasedAt: now,
      expiresAt,
      rollout,
      halted: values.halt,
      ...(values.notes === undefined ? {} : { notes: values.notes }),
    });
  }
  const keyList = values['key-list'] ? parseSignedKeyList(await readJson(values['key-list'])) : undefined;
  const envelope = signManifest(manifest, key, keyList);
  await writeFile(required('out'), `${JSON.stringify(envelope, null, 2)}\n`);
  console.log(
    `signed ${manifest.version} serial ${serial} (${rollout.percentage} %${manifest.halted ? ', HALTED' : ''}) with ${key.keyId}, expires ${expiresAt.toISOString()}`,
  );
}

async function publish(): Promise<void> {
  const envelope = parseUpdateEnvelope(await readJson(required('manifest')));
  const dir = required('dir');
  await publishRelease({ dir, envelope, ...(values.files ? { filesFrom: values.files } : {}) });
  console.log(`published ${envelope.manifest.version} serial ${envelope.manifest.serial} into ${dir}`);
}

const commands: Record<string, () => Promise<void>> = { keygen, 'sign-keys': signKeys, sign, publish };
const run = commands[command ?? ''];
if (!run) fail(`unknown command; use one of ${Object.keys(commands).join(', ')}`);
await run().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
