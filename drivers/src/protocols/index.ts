// Pure protocol code: bytes in, bytes out, no Node. Devices and simulators build on these.
export * from './aim';
export * from './bytes';
export * from './serial-framing';
export * from './hid-pos';
export * from './escpos-commands';
export * from './escpos-status';
export * from './escpos-response-reader';
export * from './escpos-parser';
export * from './receipt-document';
export * from './receipt-encoder';
export * from './weight';
export * from './toledo-8217';
export * from './cas-scale';
export * from './pole-display';
export * from './nexo';
export * from './nexo-response';
