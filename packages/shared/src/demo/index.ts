export * from './demo-catalog';
export * from './seeded-random';
