import type { PosDevice } from '../model/device';

/** How the drawer's open switch is wired: which level of the status line means "open". */
export type DrawerPolarity = 'high-is-open' | 'low-is-open';

/** The cash drawer port; through a printer's kick-out connector or its own serial interface. */
export interface CashDrawer extends PosDevice {
  readonly kind: 'cash-drawer';
  /** Fires the solenoid; resolves when the device acknowledged the kick. */
  openDrawer(): Promise<void>;
  /** Reads the open switch (false when the drawer has no switch wired; see capabilities.statusReporting). */
  isOpen(): Promise<boolean>;
  /** Resolves when the drawer is closed, or fails with `drawer.close-timeout`. */
  waitForClose(timeoutMs: number): Promise<void>;
}
