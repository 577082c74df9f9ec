// A port per device kind with its implementations beside it.
export * from './scanner';
export * from './serial-scanner';
export * from './hid-pos-scanner';
export * from './receipt-printer';
export * from './escpos-link';
export * from './escpos-receipt-printer';
export * from './cash-drawer';
export * from './printer-port-drawer';
export * from './serial-drawer';
export * from './wait-for-close';
export * from './payment-terminal';
export * from './nexo-http';
export * from './nexo-payment-terminal';
export * from './scale';
export * from './serial-scale';
export * from './line-display';
export * from './serial-line-display';
