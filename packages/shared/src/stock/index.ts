export * from './stock-level';
export * from './oversell';
export * from './movements-for-order';
