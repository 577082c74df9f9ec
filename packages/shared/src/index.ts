// The public surface of the domain. Each folder is one concept; import from here or from
// `@store-os/shared/<folder>`.
export * from './errors';
export * from './clock';
export * from './money';
export * from './tax';
export * from './catalog';
export * from './pricing';
export * from './cart';
export * from './tenders';
export * from './orders';
export * from './stock';
export * from './ledgers';
export * from './shifts';
export * from './ids';
export * from './schemas';
export * from './contract';
export * from './fleet';
