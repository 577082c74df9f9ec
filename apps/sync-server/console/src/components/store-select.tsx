/** The "Store" picker of the console's forms: each store by name and id. */
export function StoreSelect({
  stores,
  value,
  onChange,
  required = false,
}: {
  stores: readonly { id: string; name: string }[];
  value: string;
  onChange: (storeId: string) => void;
  required?: boolean;
}) {
  return (
    <label>
      Store
      <select value={value} onChange={(e) => onChange(e.target.value)} required={required}>
        {stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.id})
          </option>
        ))}
      </select>
    </label>
  );
}
