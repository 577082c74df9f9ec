export * from './update-manifest';
export * from './update-refusals';
export * from './canonical-json';
export * from './validate-update';
export * from './key-trust';
export * from './rollout';
export * from './verify-manifest';
export * from './check-feed';
