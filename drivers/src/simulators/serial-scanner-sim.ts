import { ascii } from '../protocols/bytes';
import { encodeFrame, FRAMINGS, type FramingName } from '../protocols/serial-framing';
import { SerialEndpoint } from './serial-endpoint';

/** A serial barcode scanner on a PTY: `scan()` sends a framed barcode like a trigger pull. */
export class SerialScannerSimulator {
  private constructor(
    private readonly endpoint: SerialEndpoint,
    readonly framing: FramingName,
  ) {}

  static async start(options: { framing?: FramingName; dir?: string } = {}): Promise<SerialScannerSimulator> {
    return new SerialScannerSimulator(
      await SerialEndpoint.create({ ...options, name: 'scanner' }),
      options.framing ?? 'cr',
    );
  }

  get devicePath(): string {
    return this.endpoint.devicePath;
  }

  /** Sends one scan, with an AIM id prefix when given (`]E0`). */
  scan(data: string, aimId?: string): Promise<void> {
    return this.endpoint.port.write(encodeFrame(FRAMINGS[this.framing], (aimId ?? '') + data));
  }

  /** Line noise (a scanner powering up, a bad cable). */
  garbage(text = '\u0000\u00ff#%'): Promise<void> {
    return this.endpoint.port.write(ascii(text));
  }

  /** Raw bytes, e.g. one frame split in two writes. */
  raw(bytes: Uint8Array): Promise<void> {
    return this.endpoint.port.write(bytes);
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }
}
