import { useState, type FormEvent } from 'react';
import { listByPrefix, type CatalogDoc } from '../api/catalog';
import { Status } from '../components/status';
import { useLoad } from '../use-load';
import type { Stage } from './catalog-page';

const STATUSES = ['draft', 'active', 'ended'] as const;

/** Promotions: change status, name or percentage, and create a percent-off promotion. */
export function CatalogPromotions({
  stage,
  editable,
  staged,
}: {
  stage: Stage;
  editable: boolean;
  staged: ReadonlyMap<string, CatalogDoc>;
}) {
  const [promos] = useLoad((s) => listByPrefix('promotion:', 500, s), 'promotions');
  const touch = (doc: CatalogDoc, change: Record<string, unknown>) =>
    stage({ ...doc, ...change, updatedAt: new Date().toISOString() });
  return (
    <section aria-label="Promotions">
      <Status value={promos}>
        {(list) => (
          <table aria-label="Promotions">
            <thead>
              <tr>
                <th scope="col">Promotion</th>
                <th scope="col">Kind</th>
                <th scope="col">Percent</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((stored) => {
                const p = staged.get(stored._id) ?? stored;
                const name = String(p.name);
                return (
                  <tr key={p._id}>
                    <th scope="row">
                      {name}
                      {staged.has(p._id) ? ' (unpublished)' : ''}
                    </th>
                    <td>{String(p.kind)}</td>
                    <td>{typeof p.percent === 'string' ? `${p.percent} %` : ''}</td>
                    <td>
                      {editable ? (
                        <select
                          aria-label={`Status of ${name}`}
                          value={String(p.status)}
                          onChange={(e) => touch(p, { status: e.target.value })}
                        >
                          {STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                      ) : (
                        String(p.status)
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Status>
      {editable ? <NewPromotion stage={stage} /> : null}
    </section>
  );
}

function NewPromotion({ stage }: { stage: Stage }) {
  const [f, setF] = useState({
    promotionId: '',
    name: '',
    currency: 'EUR',
    percent: '10',
    groupIds: '',
    skus: '',
  });
  const [message, setMessage] = useState<string | undefined>();
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^(100|[0-9]{1,2})(\.[0-9]{1,4})?$/.test(f.percent)) {
      setMessage('Percent is a number from 0 to 100, e.g. 10 or 12.5.');
      return;
    }
    const id = `promotion:${f.promotionId.trim()}`;
    const groupIds = list(f.groupIds);
    const skus = list(f.skus);
    stage({
      _id: id,
      id,
      type: 'promotion',
      schemaVersion: 1,
      promotionId: f.promotionId.trim(),
      name: f.name.trim(),
      currency: f.currency.trim().toUpperCase(),
      kind: 'percent-off',
      status: 'draft',
      percent: f.percent,
      target: { ...(groupIds.length ? { groupIds } : {}), ...(skus.length ? { skus } : {}) },
      updatedAt: new Date().toISOString(),
    });
    setMessage(`Staged ${f.name} as a draft; set it active and publish to start it.`);
  };
  const field = (key: keyof typeof f, label: string, required = true) => (
    <label>
      {label}
      <input value={f[key]} required={required} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
    </label>
  );
  return (
    <section aria-label="New promotion" className="panel">
      <h2>New percent-off promotion</h2>
      <form onSubmit={submit} className="grid-form">
        {field('promotionId', 'Promotion id')}
        {field('name', 'Name')}
        {field('currency', 'Currency')}
        {field('percent', 'Percent off')}
        {field('groupIds', 'Target groups (comma separated)', false)}
        {field('skus', 'Target SKUs (comma separated)', false)}
        <button type="submit">Stage new promotion</button>
      </form>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
