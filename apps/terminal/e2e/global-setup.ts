// Vitest global setup of the terminal project: builds the renderer once per run (when stale) for the e2e specs.
import { buildRendererIfStale } from '../tools/build-renderer';
import { chromiumUnavailable } from './chromium';

export default async function setup(): Promise<void> {
  const reason = chromiumUnavailable();
  if (reason) {
    console.log(`terminal e2e: not building the renderer, ${reason}`);
    return;
  }
  if (await buildRendererIfStale()) console.log('terminal e2e: built the renderer for the e2e specs');
}
