export * from './check-for-update';
export * from './update-report';
export * from './built-in-update-keys';
