import { ascii } from '../protocols/bytes';
import { SerialEndpoint } from './serial-endpoint';

/** A serial cash-drawer interface on a PTY: `O` opens (answers `A`), `S` reports the switch. */
export class SerialDrawerSimulator {
  open = false;
  kicks = 0;
  /** Whether the switch line reads high when the drawer is open (the wiring). */
  highWhenOpen = true;
  silent = false;

  private constructor(private readonly endpoint: SerialEndpoint) {
    endpoint.port.onData((chunk) => {
      for (const byte of chunk) void this.onCommand(String.fromCharCode(byte)).catch(() => undefined);
    });
  }

  static async start(options: { dir?: string } = {}): Promise<SerialDrawerSimulator> {
    return new SerialDrawerSimulator(await SerialEndpoint.create({ ...options, name: 'drawer' }));
  }

  get devicePath(): string {
    return this.endpoint.devicePath;
  }

  /** The cashier pushes the drawer shut. */
  closeDrawer(): void {
    this.open = false;
  }

  private async onCommand(command: string): Promise<void> {
    if (this.silent) return;
    if (command === 'O') {
      this.open = true;
      this.kicks += 1;
      await this.endpoint.port.write(ascii('A'));
    } else if (command === 'S') {
      await this.endpoint.port.write(ascii(this.open === this.highWhenOpen ? '1' : '0'));
    }
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }
}
