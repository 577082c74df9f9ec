// The updater's two calls to HQ, made with the terminal's own credential: which store groups its store
// belongs to (the `store` document in `catalog`, which rollout cohorts name) and, after every check,
// the report of what happened (`/_hq/api/update-report`), which the console's Updates page shows.
import type { RolloutTerminal } from '@store-os/shared/updates';
import type { UpdateReport } from './update-report';

/** Where HQ is and how this terminal authenticates there. */
export interface HqLink {
  serverUrl: string;
  /** The terminal credential's Authorization header value. */
  authorization: string;
  fetch?: typeof fetch;
}

const base = (url: string) => url.replace(/\/+$/, '');

/**
 * The terminal as rollouts see it: its store, itself, and its store's groups. A store without a store
 * document is in no group; any other failure throws, so the check is retried rather than deciding the
 * cohort without the groups (an authentic out-of-cohort manifest would be remembered as seen).
 */
export async function rolloutTerminalOf(
  link: HqLink,
  who: { terminalId: string; storeId: string },
): Promise<RolloutTerminal> {
  const res = await (link.fetch ?? fetch)(
    `${base(link.serverUrl)}/catalog/${encodeURIComponent(`store:${who.storeId}`)}`,
    { headers: { Authorization: link.authorization }, signal: AbortSignal.timeout(30_000) },
  );
  let groups: string[] = [];
  if (res.status !== 404) {
    if (!res.ok) throw new Error(`reading the store's groups: HTTP ${res.status}`);
    const doc = (await res.json()) as { groups?: unknown };
    if (Array.isArray(doc.groups)) groups = doc.groups.filter((g): g is string => typeof g === 'string');
  } else {
    await res.body?.cancel();
  }
  return { terminalId: who.terminalId, groups: [who.storeId, who.terminalId, ...groups] };
}

/** Sends a check's report to HQ (local paths stay on the terminal); throws when HQ does not take it. */
export async function reportToHq(link: HqLink, report: UpdateReport): Promise<void> {
  const { installerPath: _path, ...sent } = report;
  const res = await (link.fetch ?? fetch)(`${base(link.serverUrl)}/_hq/api/update-report`, {
    method: 'POST',
    headers: { Authorization: link.authorization, 'Content-Type': 'application/json' },
    body: JSON.stringify(sent),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 202)
    throw new Error(`HQ refused the update report: HTTP ${res.status} ${text.slice(0, 200)}`);
}
