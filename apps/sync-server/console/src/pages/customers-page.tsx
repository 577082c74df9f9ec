import { useState } from 'react';
import { can, type ConsoleUser } from '../access';
import { asMoney, customer, customers, duplicates, mergeCustomers, type CustomerRow } from '../api/hq-api';
import { messageOf } from '../api/http';
import { Status } from '../components/status';
import { dateTime, money } from '../format';
import { useLoad } from '../use-load';

const nameOf = (c: CustomerRow) => c.name || [c.givenName, c.familyName].filter(Boolean).join(' ') || c.id;

/** Customers: search by name, email or phone; history; duplicates merged into one survivor. */
export function CustomersPage({ user }: { user: ConsoleUser }) {
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [picked, setPicked] = useState<string | undefined>();
  const [results] = useLoad((s) => customers(submitted, s), `q:${submitted}`);
  return (
    <>
      <h1 id="page-title">Customers</h1>
      <form
        role="search"
        aria-label="Customer search"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(q);
        }}
      >
        <label>
          Name, email or phone
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      <Status value={results}>
        {(r) => (
          <table aria-label="Customers found">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Store</th>
                <th scope="col">Orders</th>
                <th scope="col">Last order</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link"
                      onClick={() => setPicked(c.id)}
                      aria-label={`History of ${nameOf(c)}`}
                    >
                      {nameOf(c)}
                    </button>
                  </th>
                  <td>{c.email ?? ''}</td>
                  <td>{c.phone ?? ''}</td>
                  <td>{c.storeId}</td>
                  <td>{c.orders ?? ''}</td>
                  <td>{dateTime(c.lastOrderAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Status>
      {picked ? <History id={picked} /> : null}
      {can.mergeCustomers(user) ? <Duplicates /> : null}
    </>
  );
}

function History({ id }: { id: string }) {
  const [data] = useLoad((s) => customer(id, s), id);
  return (
    <section aria-label="Customer history" className="panel">
      <Status value={data}>
        {(d) => (
          <>
            <h2>{nameOf(d.customer)}</h2>
            {d.aliases && d.aliases.length > 0 ? <p>Merged from: {d.aliases.join(', ')}</p> : null}
            <table aria-label={`Orders of ${nameOf(d.customer)}`}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Store</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Total</th>
                </tr>
              </thead>
              <tbody>
                {d.orders.map((o) => (
                  <tr key={o.id}>
                    <td>{dateTime(o.createdAt)}</td>
                    <td>{o.storeId}</td>
                    <td>{o.kind ?? ''}</td>
                    <td>{o.channel ?? ''}</td>
                    <td>{money(asMoney(o.total, o.currency ?? 'EUR'))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Status>
    </section>
  );
}

function Duplicates() {
  const [data, reload] = useLoad((s) => duplicates(s), 'duplicates');
  const [survivors, setSurvivors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const merge = (key: string, ids: string[]) => {
    const survivor = survivors[key] ?? ids[0];
    if (!survivor) return;
    mergeCustomers(
      survivor,
      ids.filter((i) => i !== survivor),
    ).then(
      (r) => {
        setMessage(`Merged ${r.merged.length} into ${survivor}.`);
        reload();
      },
      (e: unknown) => setMessage(messageOf(e)),
    );
  };
  return (
    <section aria-label="Possible duplicates" className="panel">
      <h2>Possible duplicates</h2>
      {message ? <p role="status">{message}</p> : null}
      <Status value={data}>
        {(d) =>
          d.groups.length === 0 ? (
            <p>No duplicates found.</p>
          ) : (
            d.groups.map((g) => {
              const key = `${g.match}:${g.value}`;
              const ids = g.customers.map((c) => c.id);
              return (
                <fieldset key={key}>
                  <legend>
                    Same {g.match}: {g.value}
                  </legend>
                  {g.customers.map((c) => (
                    <label key={c.id}>
                      <input
                        type="radio"
                        name={key}
                        checked={(survivors[key] ?? ids[0]) === c.id}
                        onChange={() => setSurvivors({ ...survivors, [key]: c.id })}
                      />
                      Keep {nameOf(c)} ({c.id}, {c.storeId}
                      {c.email ? `, ${c.email}` : ''}
                      {c.phone ? `, ${c.phone}` : ''})
                    </label>
                  ))}
                  <button type="button" onClick={() => merge(key, ids)}>
                    Merge into the kept customer
                  </button>
                </fieldset>
              );
            })
          )
        }
      </Status>
    </section>
  );
}
