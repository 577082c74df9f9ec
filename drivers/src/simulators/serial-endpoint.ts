import { SerialTransport } from '../transports/serial-transport';
import { createPtyPair, type PtyPair } from './pty-pair';

/** The simulator's end of a PTY pair: a real serial port it reads commands from and answers on. */
export class SerialEndpoint {
  private constructor(
    readonly pty: PtyPair,
    readonly port: SerialTransport,
  ) {}

  /** Creates the pair and opens the simulator side. */
  static async create(options: { dir?: string; name?: string } = {}): Promise<SerialEndpoint> {
    const pty = await createPtyPair(options);
    const port = new SerialTransport({ path: pty.simulatorPath });
    try {
      await port.open();
    } catch (error) {
      await pty.close();
      throw error;
    }
    return new SerialEndpoint(pty, port);
  }

  /** The path a driver opens. */
  get devicePath(): string {
    return this.pty.devicePath;
  }

  async close(): Promise<void> {
    await this.port.close();
    await this.pty.close();
  }
}
