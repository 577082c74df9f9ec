export * from './heartbeat';
export * from './parse-heartbeat';
