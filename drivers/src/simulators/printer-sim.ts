import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { TypedEmitter } from '../model/typed-emitter';
import { EscPosParser, isRealtime, type EscPosCommand } from '../protocols/escpos-parser';
import { encodeAsb, encodeRealtimeStatus } from '../protocols/escpos-status';
import { receiptText, ReceiptInterpreter, type PrintedReceipt } from './receipt-model';
import { renderReceiptSvg } from './receipt-svg';
import { statusOf, type SimulatedPrinterState } from './printer-state';

/** A receipt the simulator printed, with its text and (when an output dir is set) its SVG file. */
export interface SimulatedReceipt extends PrintedReceipt {
  readonly text: string;
  readonly svgPath?: string;
}

export interface PrinterSimulatorEvents extends Record<string, unknown> {
  receipt: SimulatedReceipt;
  kick: { pin: 2 | 5 };
}

/** Options of the simulated TCP printer. */
export interface PrinterSimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Where each receipt's SVG is written. */
  readonly outputDir?: string;
  readonly drawerPinHighWhenOpen?: boolean;
}

interface Session {
  readonly socket: Socket;
  readonly parser: EscPosParser;
  asb: boolean;
  /** Bytes still accepted before the injected disconnect. */
  bytesUntilDrop: number | undefined;
}

/**
 * An ESC/POS printer on TCP (port 9100 style). Incoming bytes are tokenised with full command
 * lengths; real-time commands (DLE EOT) are answered on arrival, everything else is executed in
 * order only while the printer can print — so paper out holds the job, and the job resumes when
 * paper is loaded. Faults: disconnects, a dropped acknowledgement, stalls and garbage.
 */
export class PrinterSimulator {
  readonly events = new TypedEmitter<PrinterSimulatorEvents>();
  readonly state: SimulatedPrinterState = {
    paperNearEnd: false,
    paperOut: false,
    coverOpen: false,
    drawerOpen: false,
    stalled: false,
  };
  readonly receipts: SimulatedReceipt[] = [];
  readonly interpreter = new ReceiptInterpreter();
  kicks = 0;
  /** Commands held back while the printer cannot print, in arrival order. */
  readonly #queue: Array<{ session: Session; command: EscPosCommand }> = [];
  readonly #sessions = new Set<Session>();
  #server: Server | undefined;
  #port = 0;
  #dropNextAcks = 0;
  #fault: { atLine: number; change: Partial<SimulatedPrinterState> } | undefined;
  #nextBytesUntilDrop: number | undefined;

  private constructor(private readonly options: PrinterSimulatorOptions) {
    if (options.outputDir) mkdirSync(options.outputDir, { recursive: true });
  }

  static async start(options: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
    const sim = new PrinterSimulator(options);
    await sim.listen(options.port ?? 0);
    return sim;
  }

  get port(): number {
    return this.#port;
  }
  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }
  get connections(): number {
    return this.#sessions.size;
  }

  private listen(port: number): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        const address = server.address();
        this.#port = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const session: Session = {
      socket,
      parser: new EscPosParser(),
      asb: false,
      bytesUntilDrop: this.#nextBytesUntilDrop,
    };
    this.#nextBytesUntilDrop = undefined;
    this.#sessions.add(session);
    socket.on('data', (chunk: Buffer) => this.receive(session, new Uint8Array(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => this.#sessions.delete(session));
  }

  private receive(session: Session, chunk: Uint8Array): void {
    let bytes = chunk;
    if (session.bytesUntilDrop !== undefined) {
      bytes = chunk.subarray(0, session.bytesUntilDrop);
      session.bytesUntilDrop -= bytes.length;
    }
    for (const command of session.parser.push(bytes)) {
      if (isRealtime(command)) this.realtime(session, command);
      else this.#queue.push({ session, command });
    }
    this.pump();
    if (session.bytesUntilDrop === 0) session.socket.destroy();
  }

  private realtime(session: Session, command: EscPosCommand): void {
    if (this.state.stalled || command.op !== 'realtime-status') return;
    const n = command.n;
    if (n >= 1 && n <= 4)
      this.send(session, Uint8Array.of(encodeRealtimeStatus(this.status, n as 1 | 2 | 3 | 4)));
  }

  private get status(): ReturnType<typeof statusOf> {
    return statusOf(this.state, this.options.drawerPinHighWhenOpen ?? true);
  }

  private send(session: Session, bytes: Uint8Array): void {
    if (!session.socket.destroyed) session.socket.write(bytes);
  }

  private get canPrint(): boolean {
    return !this.state.paperOut && !this.state.coverOpen && !this.state.stalled;
  }

  /** Executes queued commands while the printer can print. */
  private pump(): void {
    while (this.canPrint && this.#queue.length > 0) {
      const { session, command } = this.#queue.shift() as { session: Session; command: EscPosCommand };
      this.execute(session, command);
    }
  }

  private execute(session: Session, command: EscPosCommand): void {
    if (command.op === 'pulse') {
      this.kicks += 1;
      this.setState({ drawerOpen: true });
      this.events.emit('kick', { pin: command.pin });
      return;
    }
    if (command.op === 'asb') {
      session.asb = command.mask !== 0;
      if (session.asb) this.send(session, encodeAsb(this.status));
      return;
    }
    if (command.op === 'gs-paren' && command.fn === 0x48 && command.payload[0] === 0x30) {
      if (this.#dropNextAcks > 0) {
        this.#dropNextAcks -= 1;
        session.socket.destroy();
        return;
      }
      this.send(session, Uint8Array.of(0x37, 0x22, ...command.payload.subarray(2, 6), 0x00));
      return;
    }
    const receipt = this.interpreter.execute(command);
    if (receipt) this.record(receipt);
    const fault = this.#fault;
    if (fault && this.interpreter.linesFed >= fault.atLine) {
      this.#fault = undefined;
      this.setState(fault.change);
    }
  }

  private record(receipt: PrintedReceipt): void {
    let svgPath: string | undefined;
    if (this.options.outputDir) {
      svgPath = join(this.options.outputDir, `receipt-${String(receipt.index).padStart(4, '0')}.svg`);
      writeFileSync(svgPath, renderReceiptSvg(receipt));
    }
    const printed: SimulatedReceipt = {
      ...receipt,
      text: receiptText(receipt.elements),
      ...(svgPath ? { svgPath } : {}),
    };
    this.receipts.push(printed);
    this.events.emit('receipt', printed);
  }

  /** Changes the physical state; ASB subscribers hear about it, and a fixed printer resumes. */
  setState(change: Partial<SimulatedPrinterState>): void {
    const before = JSON.stringify(this.status);
    Object.assign(this.state, change);
    if (JSON.stringify(this.status) !== before) {
      for (const session of this.#sessions) if (session.asb) this.send(session, encodeAsb(this.status));
    }
    this.pump();
  }

  /** Paper runs out after `lines` more printed lines (mid-receipt). */
  paperOutAfterLines(lines: number): void {
    this.faultAfterLines(lines, { paperOut: true });
  }

  /** Any state change (a stall, the cover opened) after `lines` more printed lines. */
  faultAfterLines(lines: number, change: Partial<SimulatedPrinterState>): void {
    this.#fault = { atLine: this.interpreter.linesFed + lines, change };
  }

  /** The next `count` job acknowledgements are lost: the connection drops after the job printed. */
  dropNextAcks(count = 1): void {
    this.#dropNextAcks += count;
  }

  /** The current connection (or the next, if none) is cut after `bytes` more bytes (mid-job). */
  dropNextConnectionAfter(bytes: number): void {
    if (this.#sessions.size === 0) this.#nextBytesUntilDrop = bytes;
    for (const session of this.#sessions) session.bytesUntilDrop ??= bytes;
  }

  /** Drops every connection now (network blip, printer power cycle). */
  disconnectAll(): void {
    for (const session of this.#sessions) session.socket.destroy();
  }

  /** Sends noise to every connection. */
  injectGarbage(bytes: Uint8Array = Uint8Array.of(0xff, 0x80, 0x37, 0x00, 0xfe, 0x9f)): void {
    for (const session of this.#sessions) this.send(session, bytes);
  }

  /** Stops listening (printer off) or listens again on the same port. */
  async setReachable(reachable: boolean): Promise<void> {
    if (!reachable && this.#server) {
      const server = this.#server;
      this.#server = undefined;
      this.disconnectAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    } else if (reachable && !this.#server) {
      await this.listen(this.#port);
    }
  }

  /** Resolves when `count` receipts exist. */
  async waitForReceipts(count: number, timeoutMs = 5_000): Promise<SimulatedReceipt[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.receipts.length < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${this.receipts.length} of ${count} receipts printed within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.receipts;
  }

  async close(): Promise<void> {
    this.disconnectAll();
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
