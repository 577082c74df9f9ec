// The only modules that touch native addons, sockets and device nodes.
export * from './byte-transport';
export * from './backoff';
export * from './reconnecting-transport';
export * from './tcp-transport';
export * from './serial-transport';
export * from './usb-lp-transport';
export * from './hid-transport';
export * from './node-hid-transport';
export * from './fake-hid-transport';
export * from './enumerate';
