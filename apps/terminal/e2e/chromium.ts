import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The system Chromium; Playwright's own browser download is never used (`playwright install` is not run). */
export const CHROMIUM = process.env['STORE_OS_CHROMIUM'] ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the e2e specs cannot run here, or undefined when they can. */
export function chromiumUnavailable(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `Chromium is not installed at ${CHROMIUM} (set STORE_OS_CHROMIUM to another path)`;
}

/** A Chromium with a fresh profile (its own --user-data-dir); `close` removes the profile. */
export interface FreshBrowser {
  readonly context: BrowserContext;
  readonly profileDir: string;
  close(): Promise<void>;
}

export async function launchFreshChromium(): Promise<FreshBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'terminal-e2e-profile-'));
  // A persistent context is how Playwright gives Chromium a --user-data-dir of our choosing.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
  });
  return {
    context,
    profileDir,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
