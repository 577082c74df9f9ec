import type { HostBridge, HostRequest, TillState } from '@store-os/shared';
import { combineLatest, distinctUntilChanged, map, type Observable, type Subscription } from 'rxjs';
import type { TillDocs } from '../sell/use-till';
import type { SaleActivity } from '../sell/open-sale';
import { tillOf } from '../sell/till-lock';

/** What the renderer tells the host so an update installs only between sales and outside a shift. */
export type InstallWindow = HostRequest<'terminal.activity'>;

/**
 * The counter's state as the updater needs it (docs/specs/updates.md, "When the terminal may restart"):
 * a sale is in progress while the open sale has lines or is being paid; the shift allows a restart
 * unless a shift is open at this till (no shift at all, or the till closed for the business day).
 */
export function installWindow(sale: SaleActivity, till: TillState): InstallWindow {
  return { saleInProgress: sale.lines > 0 || sale.paying, installAllowed: till.kind !== 'open' };
}

/**
 * The install window, live: a new value each time the sale or the till changes what it says (repeats
 * dropped). Both open states of the till (no shift, day closed) allow a restart, so the business date's
 * time zone cannot change the answer; the till is read in UTC.
 */
export function installWindow$(
  sale$: Observable<SaleActivity>,
  tillDocs$: Observable<TillDocs>,
  terminalId: string,
  now: () => number = Date.now,
): Observable<InstallWindow> {
  return combineLatest([sale$, tillDocs$]).pipe(
    map(([sale, docs]) =>
      installWindow(sale, tillOf({ terminalId, ...docs, nowMs: now(), timeZone: 'UTC' })),
    ),
    distinctUntilChanged(
      (a, b) => a.saleInProgress === b.saleInProgress && a.installAllowed === b.installAllowed,
    ),
  );
}

/** Sends each install window to the host (`terminal.activity`); a refused send goes to `onError`. */
export function reportInstallWindow(
  host: Pick<HostBridge, 'invoke'>,
  window$: Observable<InstallWindow>,
  onError: (error: unknown) => void,
): Subscription {
  return window$.subscribe((window) => {
    host.invoke('terminal.activity', window).catch(onError);
  });
}
