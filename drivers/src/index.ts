// @store-os/drivers for the terminal host (Node). The renderer imports only
// `@store-os/drivers/keyboard-wedge`, which is free of Node.
export * from './model';
export * from './protocols';
export * from './transports';
export * from './devices';
export * from './registry';
export * from './keyboard-wedge';
