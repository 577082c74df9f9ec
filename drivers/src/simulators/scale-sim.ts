import { encodeCasLine } from '../protocols/cas-scale';
import { encodeToledoStatus, encodeToledoWeight } from '../protocols/toledo-8217';
import { SerialEndpoint } from './serial-endpoint';

/** What sits on the simulated platter. */
export interface ScaleState {
  /** Thousandths of the unit (grams on a kg scale), gross. */
  thousandths: number;
  inMotion: boolean;
  overload: boolean;
  /** Zero offset set by the Z command. */
  tare: number;
  /** Answer nothing (cable pulled, scale off). */
  silent: boolean;
}

/** A Toledo 8217 or CAS scale on a PTY, answering W / Z / S from a state a test or person sets. */
export class ScaleSimulator {
  readonly state: ScaleState = { thousandths: 0, inMotion: false, overload: false, tare: 0, silent: false };

  private constructor(
    private readonly endpoint: SerialEndpoint,
    readonly protocol: 'toledo-8217' | 'cas',
  ) {
    endpoint.port.onData((chunk) => {
      for (const byte of chunk) void this.onCommand(String.fromCharCode(byte)).catch(() => undefined);
    });
  }

  static async start(
    options: { protocol?: 'toledo-8217' | 'cas'; dir?: string } = {},
  ): Promise<ScaleSimulator> {
    return new ScaleSimulator(
      await SerialEndpoint.create({ ...options, name: 'scale' }),
      options.protocol ?? 'toledo-8217',
    );
  }

  get devicePath(): string {
    return this.endpoint.devicePath;
  }

  /** Puts weight on the platter. */
  place(thousandths: number, inMotion = false): void {
    this.state.thousandths = thousandths;
    this.state.inMotion = inMotion;
  }

  private get net(): number {
    return this.state.thousandths - this.state.tare;
  }

  private async onCommand(command: string): Promise<void> {
    if (this.state.silent) return;
    const { port } = this.endpoint;
    if (command === 'Z') {
      if (!this.state.inMotion && Math.abs(this.net) <= 2_000) this.state.tare = this.state.thousandths;
      return;
    }
    if (this.protocol === 'cas') {
      if (command === 'W')
        await port.write(
          encodeCasLine({
            thousandths: this.net,
            unit: 'kg',
            stable: !this.state.inMotion,
            overload: this.state.overload,
            underZero: this.net < 0,
          }),
        );
      return;
    }
    const status = {
      inMotion: this.state.inMotion,
      overCapacity: this.state.overload,
      underZero: this.net < 0,
      centerOfZero: this.net === 0,
    };
    if (command === 'S') await port.write(encodeToledoStatus(status));
    else if (command === 'W') {
      const stable = !status.inMotion && !status.overCapacity && !status.underZero;
      await port.write(stable ? encodeToledoWeight(this.net) : encodeToledoStatus(status));
    }
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }
}
