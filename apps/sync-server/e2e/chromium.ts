// Debian's Chromium driven by playwright-core, as the terminal's e2e specs do (apps/terminal/e2e/chromium.ts):
// Playwright's own browser download is never used, and every browser gets a fresh profile.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The system Chromium (override with STORE_OS_CHROMIUM). */
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

/** Why the console e2e specs cannot run here, or undefined when they can. */
export function chromiumUnavailable(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `Chromium is not installed at ${CHROMIUM} (set STORE_OS_CHROMIUM to another path)`;
}

/** A Chromium with its own --user-data-dir; `close` removes the profile. */
export interface FreshBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchFreshChromium(): Promise<FreshBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'hq-console-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
