import { HEALTHY_STATUS, type PrinterStatus } from '../protocols/escpos-status';

/** The physical state of the simulated printer, set by tests or a person at the CLI. */
export interface SimulatedPrinterState {
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  drawerOpen: boolean;
  /** Hung firmware: no execution and no real-time answers. */
  stalled: boolean;
}

/** The status the printer reports for a physical state. */
export function statusOf(state: SimulatedPrinterState, drawerPinHighWhenOpen: boolean): PrinterStatus {
  const stopped = state.paperOut || state.coverOpen;
  return {
    ...HEALTHY_STATUS,
    online: !stopped,
    paperNearEnd: state.paperNearEnd || state.paperOut,
    paperOut: state.paperOut,
    coverOpen: state.coverOpen,
    drawerPinHigh: state.drawerOpen === drawerPinHighWhenOpen,
  };
}
