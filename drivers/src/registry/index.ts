export * from './device-config';
export * from './parse-device-config';
export * from './create-transport';
export * from './device-registry';
