export * from './currency';
export * from './money';
export * from './rounding';
export * from './ratio';
export * from './parse-money';
export * from './format-money';
export * from './allocate';
export * from './cash-rounding';
