// The terminal's screens, in the order the navigation shows them. Each area owns its screen component;
// the shell only lists them here, so adding a screen is one line.
import type { ComponentType } from 'react';
import { SellScreen } from '../sell/SellScreen';
import { ShiftScreen } from '../ops/shift/ShiftScreen';
import { PickupScreen } from '../ops/pickup/PickupScreen';
import { ReturnsScreen } from '../ops/returns/ReturnsScreen';
import { AisleScreen } from '../ops/aisle/AisleScreen';
import { CustomerScreen } from '../ops/customers/CustomerScreen';
import { SyncScreen } from '../components/SyncScreen';
import type { ScreenProps } from './screen-props';

/** One screen the navigation can open, with the key that opens it from anywhere. */
export interface ScreenEntry {
  readonly id: string;
  readonly title: string;
  /** A key name as KeyboardEvent.key reports it, e.g. "F1"; shown on the navigation button. */
  readonly shortcut: string;
  readonly Component: ComponentType<ScreenProps>;
}

export const screens: readonly ScreenEntry[] = [
  { id: 'sell', title: 'Sell', shortcut: 'F1', Component: SellScreen },
  { id: 'web-orders', title: 'Web orders', shortcut: 'F3', Component: PickupScreen },
  { id: 'returns', title: 'Returns', shortcut: 'F13', Component: ReturnsScreen },
  { id: 'aisle', title: 'Endless aisle', shortcut: 'F14', Component: AisleScreen },
  { id: 'customers', title: 'Customers', shortcut: 'F15', Component: CustomerScreen },
  { id: 'shift', title: 'Shift', shortcut: 'F10', Component: ShiftScreen },
  { id: 'sync', title: 'Sync', shortcut: 'F4', Component: SyncScreen },
];
