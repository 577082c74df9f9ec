import type { PosDevice } from '../model/device';
import type { ScanData } from '../protocols/aim';

/** The scanner port: decoded barcodes arrive as `data` events while the scanner is enabled. */
export interface Scanner extends PosDevice<ScanData> {
  readonly kind: 'scanner';
}
