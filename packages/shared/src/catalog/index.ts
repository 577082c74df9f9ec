export * from './product';
export * from './gtin';
export * from './in-store-barcode';
export * from './barcode-index';
