export * from './proportional';
export * from './refundable-lines';
export * from './price-return';
export * from './refund-tenders';
export * from './exchange';
export * from './fulfillment-state';
export * from './assemble-order';
export * from './over-returns';
