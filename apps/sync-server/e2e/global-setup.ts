// Vitest global setup of the sync-server project: builds the HQ console once per run (when stale) for
// the Chromium e2e specs in e2e/.
import { buildConsoleIfStale } from '../tools/build-console';
import { chromiumUnavailable } from './chromium';

export default async function setup(): Promise<void> {
  const reason = chromiumUnavailable();
  if (reason) {
    console.log(`HQ console e2e: not building the console, ${reason}`);
    return;
  }
  if (await buildConsoleIfStale()) console.log('HQ console e2e: built the console for the e2e specs');
}
