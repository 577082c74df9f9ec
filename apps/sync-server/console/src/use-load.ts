import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './api/http';

/** A value being fetched: loading, loaded, or failed with a message to show. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly data: T }
  | { readonly state: 'error'; readonly message: string; readonly status?: number };

/**
 * Runs `load` when `key` changes (and on `reload`), dropping answers that arrive after a newer
 * request started, so a slow answer never overwrites what the person asked for last. A reload keeps
 * the current data on screen meanwhile.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const shownKey = useRef<string | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    // A reload keeps showing what is on screen (and the forms in it) until the new answer arrives;
    // asking for something else shows that it is loading.
    if (shownKey.current !== key) setValue({ state: 'loading' });
    shownKey.current = key;
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setValue({ state: 'ok', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const status =
          error && typeof error === 'object' && 'status' in error && typeof error.status === 'number'
            ? error.status
            : undefined;
        setValue({ state: 'error', message: messageOf(error), ...(status === undefined ? {} : { status }) });
      },
    );
    return () => controller.abort();
    // `load` is a new closure every render; `key` names what it loads, so only key and round re-run it.
  }, [key, round]);
  return [value, reload];
}
