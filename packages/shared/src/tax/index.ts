export * from './tax-table';
export * from './tax-regime';
export * from './calculate-tax';
