export * from './ledger-balance';
export * from './stored-value';
export * from './loyalty';
export * from './reconcile';
