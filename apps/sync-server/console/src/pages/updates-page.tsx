import type { ConsoleUser } from '../access';
import { fleet } from '../api/hq-api';
import { cohortOf, publishedRelease } from '../api/releases';
import { Status } from '../components/status';
import { count, dateTime } from '../format';
import { useLoad } from '../use-load';

/** Updates: the published release, its cohort (groups, percentage), halted or not, and who is in it. */
export function UpdatesPage({ user: _user }: { user: ConsoleUser }) {
  const [data, reload] = useLoad(async (signal) => {
    const [release, f] = await Promise.all([publishedRelease(signal), fleet(signal)]);
    return {
      release,
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
        {({ release, terminals, storeGroups }) => {
          if (!release) return <p>No release has been published yet (the release CLI publishes one).</p>;
          const members = cohortOf(release, terminals, storeGroups);
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
                  <dd aria-label="Cohort">
                    {release.rollout.percentage}% of{' '}
                    {release.rollout.groups.length === 0
                      ? 'every terminal'
                      : `group ${release.rollout.groups.join(', ')}`}
                  </dd>
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
