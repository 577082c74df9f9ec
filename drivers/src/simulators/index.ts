// Simulators: each a library for tests and, through cli.ts, a command for people.
export * from './pty-pair';
export * from './serial-endpoint';
export * from './serial-scanner-sim';
export * from './hid-scanner-sim';
export * from './scale-sim';
export * from './line-display-sim';
export * from './serial-drawer-sim';
export * from './printer-state';
export * from './printer-sim';
export * from './receipt-model';
export * from './receipt-svg';
export * from './payment-terminal-sim';
export * from './start-simulators';
export * from './sample-receipt';
