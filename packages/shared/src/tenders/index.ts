export * from './tender';
export * from './tender-state';
export * from './add-tender';
