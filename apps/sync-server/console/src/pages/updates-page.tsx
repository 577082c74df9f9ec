import type { ConsoleUser } from '../access';
import { fleet } from '../api/hq-api';
import {
  cohortOf,
  publishedRelease,
  releaseHistory,
  updateReports,
  type ReleaseHistoryEntry,
  type UpdateCheckReport,
} from '../api/releases';
import { Status } from '../components/status';
import { count, dateTime } from '../format';
import { useLoad } from '../use-load';

const ACTION_TEXT: Readonly<Record<ReleaseHistoryEntry['action'], string>> = {
  published: 'Published',
  halted: 'Halted',
  'rolled-back': 'Rolled back',
  resumed: 'Resumed',
  changed: 'Cohort changed',
};

const OUTCOME_TEXT: Readonly<Record<string, string>> = {
  'no-release': 'No release',
  'up-to-date': 'Up to date',
  'no-change': 'Nothing new',
  deferred: 'Deferred (till busy)',
  'install-ready': 'Installing',
  refused: 'Refused',
  failed: 'Failed',
};

const cohortText = (rollout: ReleaseHistoryEntry['rollout']) =>
  `${rollout.percentage}% of ${rollout.groups.length === 0 ? 'every terminal' : `group ${rollout.groups.join(', ')}`}`;

const resultText = (r: UpdateCheckReport | undefined) =>
  r === undefined
    ? 'No report'
    : `${OUTCOME_TEXT[r.outcome] ?? r.outcome}${r.targetVersion ? ` ${r.targetVersion}` : ''}${r.serial === undefined ? '' : ` (serial ${r.serial})`}${r.code ? `: ${r.code}` : ''}`;

/**
 * Updates: the published release, its cohort (groups, percentage), halted or not, and who is in it; the
 * release history (published, halted, rolled back); and each terminal's last reported update check.
 */
export function UpdatesPage({ user: _user }: { user: ConsoleUser }) {
  const [data, reload] = useLoad(async (signal) => {
    const [release, f, history, reports] = await Promise.all([
      publishedRelease(signal),
      fleet(signal),
      releaseHistory(signal),
      updateReports(signal),
    ]);
    return {
      release,
      history: history.releases,
      reports,
      terminals: f.terminals.filter((t) => !t.revoked),
      storeGroups: Object.fromEntries(f.stores.map((st) => [st.id, st.groups ?? []])),
    };
  }, 'updates');
  return (
    <>
      <h1 id="page-title">Updates</h1>
      <button type="button" onClick={reload}>
        Refresh
      </button>
      <Status value={data}>
        {({ release, history, reports, terminals, storeGroups }) => {
          if (!release) return <p>No release has been published yet (the release CLI publishes one).</p>;
          const members = cohortOf(release, terminals, storeGroups);
          const lastReport = new Map(reports.latest.map((r) => [r.terminalId, r]));
          const inCount = members.filter((m) => m.included).length;
          return (
            <>
              <section aria-label="Published release" className="panel">
                <h2>
                  Version {release.version} (serial {release.serial})
                </h2>
                <dl className="facts">
                  <dt>State</dt>
                  <dd>{release.halted ? 'Halted' : 'Rolling out'}</dd>
                  <dt>Cohort</dt>
                  <dd aria-label="Cohort">{cohortText(release.rollout)}</dd>
                  <dt>Released</dt>
                  <dd>{dateTime(release.releasedAt)}</dd>
                  <dt>Expires</dt>
                  <dd>{dateTime(release.expiresAt)}</dd>
                  <dt>Signed with</dt>
                  <dd>{release.keyId}</dd>
                  <dt>Files</dt>
                  <dd>
                    {release.files.map((f) => `${f.name} (${f.platform}, ${count(f.size)} bytes)`).join('; ')}
                  </dd>
                  {release.notes ? (
                    <>
                      <dt>Notes</dt>
                      <dd>{release.notes}</dd>
                    </>
                  ) : null}
                </dl>
              </section>
              <table aria-label="Terminals in the rollout">
                <caption>
                  {inCount} of {terminals.length} terminals are in the rollout
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Terminal</th>
                    <th scope="col">Store</th>
                    <th scope="col">In group</th>
                    <th scope="col">Bucket (0–99)</th>
                    <th scope="col">In rollout</th>
                    <th scope="col">Last update check</th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((m) => (
                    <tr key={m.terminalId} data-terminal={m.terminalId}>
                      <th scope="row">{m.terminalId}</th>
                      <td>{m.storeId}</td>
                      <td>{m.inGroup ? 'Yes' : 'No'}</td>
                      <td>{m.bucket}</td>
                      <td>{m.included ? 'Yes' : 'No'}</td>
                      <td>{resultText(lastReport.get(m.terminalId))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table aria-label="Release history">
                <caption>Release history (newest first)</caption>
                <thead>
                  <tr>
                    <th scope="col">Serial</th>
                    <th scope="col">Version</th>
                    <th scope="col">What</th>
                    <th scope="col">Cohort</th>
                    <th scope="col">Released</th>
                    <th scope="col">Signed with</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => (
                    <tr key={h.serial} data-serial={h.serial} className={h.current ? 'current' : undefined}>
                      <th scope="row">{h.serial}</th>
                      <td>{h.version}</td>
                      <td>
                        {ACTION_TEXT[h.action]}
                        {h.current ? ' (current)' : ''}
                      </td>
                      <td>{cohortText(h.rollout)}</td>
                      <td>{dateTime(h.releasedAt)}</td>
                      <td>{h.keyId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table aria-label="Update checks reported by terminals">
                <caption>Update checks reported by terminals (newest first)</caption>
                <thead>
                  <tr>
                    <th scope="col">Terminal</th>
                    <th scope="col">Store</th>
                    <th scope="col">Checked</th>
                    <th scope="col">Running</th>
                    <th scope="col">Result</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.rows.map((r) => (
                    <tr key={`${r.terminalId}-${r.receivedAt}-${r.outcome}`} data-terminal={r.terminalId}>
                      <th scope="row">{r.terminalId}</th>
                      <td>{r.storeId}</td>
                      <td>{dateTime(r.checkedAt)}</td>
                      <td>{r.currentVersion}</td>
                      <td>{resultText(r)}</td>
                      <td>{r.message ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Status>
    </>
  );
}
