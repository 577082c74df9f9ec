import type { PosDevice } from '../model/device';
import type { WeightReading } from '../protocols/weight';

/** The scale port. */
export interface Scale extends PosDevice<WeightReading> {
  readonly kind: 'scale';
  /** One reading as the scale reports it now (may be unstable). */
  readWeight(): Promise<WeightReading>;
  /** Polls until the reading is stable (and not overloaded), bounded by `timeoutMs`. */
  readStableWeight(timeoutMs: number): Promise<WeightReading>;
  zero(): Promise<void>;
}
