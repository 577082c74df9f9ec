import { parseMoney } from '@store-os/shared/money';
import { useState, type FormEvent } from 'react';
import { getMany, listByPrefix, type CatalogDoc } from '../api/catalog';
import { messageOf } from '../api/http';
import { Status } from '../components/status';
import { money } from '../format';
import { useLoad } from '../use-load';
import type { Stage } from './catalog-page';

// Schema versions of new documents; an edit keeps the stored document's own. A wrong one is refused
// by the server at publish time with its reason, so drift shows up at once.
const VERSION = { product: 2, barcode: 1, price: 1 } as const;

interface Props {
  readonly stage: Stage;
  readonly editable: boolean;
  readonly staged: ReadonlyMap<string, CatalogDoc>;
}

interface PriceList {
  readonly id: string;
  readonly currency: string;
  readonly name: string;
}

const priceId = (list: string, sku: string) => `price:${list}:${sku}`;
const skusOf = (p: CatalogDoc) => ((p.variants as { sku: string }[] | undefined) ?? []).map((v) => v.sku);
const amountOf = (d: CatalogDoc | undefined) =>
  d?.unitPrice as { amount: number; currency: string } | undefined;

/** Products with their prices in one price list: search, change a price, add a product. */
export function CatalogProducts({ stage, editable, staged }: Props) {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [listId, setListId] = useState<string | undefined>();
  const [lists] = useLoad(
    async (s) =>
      (await listByPrefix('price-list:', 100, s)).map((d): PriceList => ({
        id: String(d.priceListId),
        currency: String(d.currency),
        name: String(d.name),
      })),
    'lists',
  );
  const list = lists.state === 'ok' ? (lists.data.find((l) => l.id === listId) ?? lists.data[0]) : undefined;
  const [rows] = useLoad(
    async (s) => {
      if (!list) return { products: [], prices: new Map<string, CatalogDoc>() };
      const products = await listByPrefix(`product:${search}`, 25, s);
      const prices = await getMany(
        products.flatMap((p) => skusOf(p).map((sku) => priceId(list.id, sku))),
        s,
      );
      return { products, prices };
    },
    `${search}:${list?.id ?? ''}`,
  );

  return (
    <section aria-label="Products and prices">
      <form
        role="search"
        aria-label="Product search"
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q);
        }}
      >
        <label>
          Product id starts with
          <input value={q} onChange={(e) => setQ(e.target.value.trim())} />
        </label>
        <button type="submit">Find products</button>
        <Status value={lists}>
          {(ls) => (
            <label>
              Price list
              <select value={list?.id ?? ''} onChange={(e) => setListId(e.target.value)}>
                {ls.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name} ({l.currency})
                  </option>
                ))}
              </select>
            </label>
          )}
        </Status>
      </form>
      <Status value={rows}>
        {({ products, prices }) => (
          <table aria-label="Products">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">SKU</th>
                <th scope="col">Status</th>
                <th scope="col">Price</th>
                {editable ? <th scope="col">New price</th> : null}
              </tr>
            </thead>
            <tbody>
              {products.flatMap((p) =>
                skusOf(p).map((sku) => {
                  const id = list ? priceId(list.id, sku) : '';
                  const current = staged.get(id) ?? prices.get(id);
                  return (
                    <tr key={sku} data-sku={sku}>
                      <th scope="row">{String(p.name)}</th>
                      <td>{sku}</td>
                      <td>{String(p.status)}</td>
                      <td>
                        {amountOf(current) ? money(amountOf(current)!) : '—'}
                        {staged.has(id) ? ' (unpublished)' : ''}
                      </td>
                      {editable && list ? (
                        <td>
                          <PriceEditor sku={sku} list={list} existing={prices.get(id)} stage={stage} />
                        </td>
                      ) : null}
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        )}
      </Status>
      {editable && list ? <NewProduct list={list} stage={stage} /> : null}
    </section>
  );
}

function PriceEditor({
  sku,
  list,
  existing,
  stage,
}: {
  sku: string;
  list: PriceList;
  existing: CatalogDoc | undefined;
  stage: Stage;
}) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const unitPrice = parseMoney(value, list.currency);
      if (unitPrice.amount < 0) throw new Error('A price cannot be negative.');
      const id = priceId(list.id, sku);
      stage({
        ...(existing ?? {
          _id: id,
          id,
          type: 'price',
          schemaVersion: VERSION.price,
          priceListId: list.id,
          sku,
        }),
        unitPrice,
        updatedAt: new Date().toISOString(),
      });
      setValue('');
      setError(undefined);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={submit} className="inline">
      <input
        aria-label={`New price for ${sku} in ${list.name}`}
        inputMode="decimal"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        size={8}
        required
      />
      <button type="submit" aria-label={`Stage price for ${sku}`}>
        Stage
      </button>
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </form>
  );
}

function NewProduct({ list, stage }: { list: PriceList; stage: Stage }) {
  const [f, setF] = useState({
    productId: '',
    name: '',
    sku: '',
    barcode: '',
    taxCategoryId: 'standard',
    groupIds: '',
    price: '',
  });
  const [message, setMessage] = useState<string | undefined>();
  const field = (key: keyof typeof f, label: string, required = true) => (
    <label>
      {label}
      <input value={f[key]} required={required} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const now = new Date().toISOString();
      const unitPrice = parseMoney(f.price, list.currency);
      const barcodes = f.barcode ? [f.barcode.trim()] : [];
      const productId = f.productId.trim();
      const sku = f.sku.trim();
      const pid = `product:${productId}`;
      stage({
        _id: pid,
        id: pid,
        type: 'product',
        schemaVersion: VERSION.product,
        productId,
        name: f.name.trim(),
        taxCategoryId: f.taxCategoryId.trim(),
        unit: 'each',
        groupIds: f.groupIds
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean),
        status: 'active',
        variants: [{ sku, barcodes }],
        updatedAt: now,
      });
      for (const code of barcodes) {
        const bid = `barcode:${code}`;
        stage({
          _id: bid,
          id: bid,
          type: 'barcode',
          schemaVersion: VERSION.barcode,
          code,
          sku,
          productId,
          updatedAt: now,
        });
      }
      const id = priceId(list.id, sku);
      stage({
        _id: id,
        id,
        type: 'price',
        schemaVersion: VERSION.price,
        priceListId: list.id,
        sku,
        unitPrice,
        updatedAt: now,
      });
      setMessage(`Staged ${productId} with its price; publish to send it to the stores.`);
    } catch (err) {
      setMessage(messageOf(err));
    }
  };
  return (
    <section aria-label="New product" className="panel">
      <h2>New product</h2>
      <form onSubmit={submit} className="grid-form">
        {field('productId', 'Product id')}
        {field('name', 'Name')}
        {field('sku', 'SKU')}
        {field('barcode', 'Barcode (EAN/UPC)', false)}
        {field('taxCategoryId', 'Tax category')}
        {field('groupIds', 'Groups (comma separated)', false)}
        {field('price', `Price (${list.currency})`)}
        <button type="submit">Stage new product</button>
      </form>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
