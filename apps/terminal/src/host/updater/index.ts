export * from './check-for-update';
export * from './update-report';
export * from './built-in-update-keys';
export * from './update-glue';
export * from './install-release';
export * from './hq-link';
export * from './start-terminal-updater';
