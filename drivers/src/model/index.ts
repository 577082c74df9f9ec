export * from './device';
export * from './device-error';
export * from './typed-emitter';
export * from './claim-lock';
export * from './base-device';
