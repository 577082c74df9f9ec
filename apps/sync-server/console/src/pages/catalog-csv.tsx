import { useState } from 'react';
import { ApiError, messageOf } from '../api/http';
import { importCsv, pricesCsv, productsCsv, promotionsCsv } from '../api/hq-api';

type Kind = 'products' | 'prices' | 'promotions';

const EXPORTS: Readonly<Record<Kind, () => Promise<string>>> = {
  products: productsCsv,
  prices: pricesCsv,
  promotions: promotionsCsv,
};
const asKind = (v: string): Kind => (v === 'products' || v === 'promotions' ? v : 'prices');

/** Saves text as a file through a temporary object URL (no inline script, CSP-safe). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** CSV export and import of products, prices and promotions; an import is all-or-nothing on the server. */
export function CatalogCsv({ editable }: { editable: boolean }) {
  const [message, setMessage] = useState<string | undefined>();
  const [problems, setProblems] = useState<string[]>([]);
  const [kind, setKind] = useState<Kind>('prices');
  const [file, setFile] = useState<File | undefined>();

  const exportCsv = (k: Kind) => {
    EXPORTS[k]().then(
      (text) => {
        download(`${k}.csv`, text);
        setMessage(`Exported ${Math.max(0, text.trim().split('\n').length - 1)} ${k} rows.`);
      },
      (e: unknown) => setMessage(messageOf(e)),
    );
  };
  const doImport = () => {
    if (!file) return;
    setProblems([]);
    file
      .text()
      .then((text) => importCsv(kind, text))
      .then(
        (r) => setMessage(`Imported and published ${r.written} documents.`),
        (e: unknown) => {
          setMessage(
            e instanceof ApiError && e.status === 422
              ? 'Nothing was imported: fix these rows.'
              : messageOf(e),
          );
          if (e instanceof ApiError && e.status === 422) setProblems([e.message]);
        },
      );
  };
  return (
    <section aria-label="CSV import and export">
      <h2>Export</h2>
      <button type="button" onClick={() => exportCsv('products')}>
        Export products CSV
      </button>
      <button type="button" onClick={() => exportCsv('prices')}>
        Export prices CSV
      </button>
      <button type="button" onClick={() => exportCsv('promotions')}>
        Export promotions CSV
      </button>
      {editable ? (
        <>
          <h2>Import</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              doImport();
            }}
          >
            <label>
              File contains
              <select value={kind} onChange={(e) => setKind(asKind(e.target.value))}>
                <option value="prices">Prices (priceListId, sku, unitPrice, currency)</option>
                <option value="products">Products (productId, name, sku, …)</option>
                <option value="promotions">
                  Promotions (promotionId, name, kind, status, rules as JSON)
                </option>
              </select>
            </label>
            <label>
              CSV file
              <input
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => setFile(e.target.files?.[0])}
                required
              />
            </label>
            <button type="submit">Import and publish</button>
          </form>
        </>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
      {problems.map((p) => (
        <p key={p} role="alert" className="error">
          {p}
        </p>
      ))}
    </section>
  );
}
