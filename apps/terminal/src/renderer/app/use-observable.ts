import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** The latest value of an observable, re-rendering on each; `initial` until the first value. */
export function useObservable<T>(observable: Observable<T> | undefined, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    if (!observable) return undefined;
    const subscription = observable.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, [observable]);
  return value;
}
