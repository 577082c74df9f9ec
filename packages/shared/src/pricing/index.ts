export * from './price-list';
export * from './promotion';
export * from './local-time';
export * from './promotion-index';
export * from './unit-pool';
export * from './set-application';
export * from './apply-promotions';
