// The typed contract between the terminal UI and its host (Electron main or the browser-mode host).
export * from './primitives';
export * from './journal-schemas';
export * from './session-schemas';
export * from './device-schemas';
export * from './host-methods';
export * from './host-events';
export * from './host-bridge';
export * from './contract-error';
export * from './validate';
export * from './serve-host-call';
export * from './bridge-client';
export * from './socket-messages';
