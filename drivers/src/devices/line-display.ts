import type { PosDevice } from '../model/device';

/** The customer display port (2×20 pole display). */
export interface LineDisplay extends PosDevice {
  readonly kind: 'line-display';
  readonly columns: number;
  readonly rows: number;
  /** Shows two lines (cut or padded to the width); resolves when the bytes left the port. */
  showLines(line1: string, line2: string): Promise<void>;
  clear(): Promise<void>;
}
