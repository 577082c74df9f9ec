// The renderer-safe entry point: `@store-os/drivers/keyboard-wedge`. Nothing here may import Node.
export * from './keyboard-wedge-detector';
