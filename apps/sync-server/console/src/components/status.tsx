import type { ReactNode } from 'react';
import type { Loaded } from '../use-load';

/** Renders a {@link Loaded} value: a polite loading note, an alert with the reason, or the content. */
export function Status<T>({ value, children }: { value: Loaded<T>; children: (data: T) => ReactNode }) {
  if (value.state === 'loading') return <p role="status">Loading…</p>;
  if (value.state === 'error') {
    return (
      <p role="alert" className="error">
        {value.status === 404 ? `Not available on this server yet: ${value.message}` : value.message}
      </p>
    );
  }
  return <>{children(value.data)}</>;
}
