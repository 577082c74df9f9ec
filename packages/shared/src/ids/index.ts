export * from './document-id';
export * from './natural-id';
