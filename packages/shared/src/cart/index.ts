export * from './cart';
export * from './cart-operations';
export * from './reprice-cart';
export * from './calculate-cart-totals';
export * from './build-sale-order';
