import type { DeviceCapabilities, ErrorResponse } from '../model/device';
import { BaseDevice } from '../model/base-device';
import { DeviceError, describeCause, isDeviceError } from '../model/device-error';
import { blockingConditions, type PrinterStatus } from '../protocols/escpos-status';
import { encodeReceipt, type ReceiptEncoding } from '../protocols/receipt-encoder';
import type { EscPosLink } from './escpos-link';
import type { PrintJob, PrintJobState, PrintOutcome, ReceiptPrinter } from './receipt-printer';

/** Timing of the print queue. */
export interface EscPosPrinterOptions extends ReceiptEncoding {
  /** How long to wait for a lost connection to come back before asking the caller (default 5 s). */
  readonly reconnectWaitMs?: number;
  /** Status polling interval while a job prints (default 250 ms). */
  readonly pollMs?: number;
  /** Longest a job may take after its last byte without any status answer (default 10 s). */
  readonly stallTimeoutMs?: number;
  /** Printer that takes the job when the caller answers an error with `fallback`. */
  readonly fallback?: ReceiptPrinter;
}

interface JobEntry {
  state: PrintJobState;
  promise?: Promise<PrintOutcome>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An ESC/POS receipt printer with a print queue. A job is acknowledged only when the printer answers
 * the process id sent after its cut. Jobs are at-most-once: a job that never reached the wire is
 * retried after a reconnect, but one cut off after bytes left is never resent by the driver; the
 * caller is asked (retry = print again, knowingly), because a printer prints whatever it received.
 */
export class EscPosReceiptPrinter extends BaseDevice implements ReceiptPrinter {
  readonly kind = 'receipt-printer';
  readonly capabilities: DeviceCapabilities = {
    powerReporting: true,
    statusReporting: true,
    cut: true,
    barcode: true,
    qr: true,
    logo: true,
    fallback: false,
  };
  readonly #jobs = new Map<string, JobEntry>();
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  readonly #unsubscribe: Array<() => void> = [];

  constructor(
    name: string,
    private readonly link: EscPosLink,
    private readonly options: EscPosPrinterOptions = {},
  ) {
    super(name);
    if (options.fallback) this.capabilities = { ...this.capabilities, fallback: true };
  }

  protected async doOpen(): Promise<void> {
    await this.link.acquire();
    this.#unsubscribe.push(
      this.link.events.on('status', (status) => this.onStatus(status)),
      this.link.events.on('disconnected', ({ error }) => {
        this.setPower('offline');
        this.events.emit('status', { status: 'disconnected', detail: { cause: error.message } });
      }),
      this.link.events.on('connected', ({ attempt }) => {
        this.setPower('online');
        if (attempt > 0) this.events.emit('status', { status: 'reconnected', detail: { attempt } });
      }),
    );
    this.setPower('online');
  }

  protected async doClose(): Promise<void> {
    for (const off of this.#unsubscribe.splice(0)) off();
    await this.link.releaseUse();
  }

  protected async doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    if (!this.link.isConnected)
      return { ok: false, detail: `not connected (${this.link.link.lastError?.message ?? 'reconnecting'})` };
    try {
      const status = await this.link.queryStatus();
      const problems = blockingConditions(status);
      if (status.paperNearEnd) problems.push('paper-near-end');
      return {
        ok: blockingConditions(status).length === 0,
        detail: problems.length ? problems.join(', ') : 'ready',
      };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  private onStatus(status: PrinterStatus): void {
    const conditions = blockingConditions(status);
    if (status.paperNearEnd) conditions.push('paper-near-end');
    this.events.emit('status', {
      status: conditions.length ? conditions.join(',') : 'ready',
      detail: { ...status },
    });
    this.setPower(status.online ? 'online' : 'offline');
  }

  queryStatus(): Promise<PrinterStatus> {
    this.assertOpen('query status');
    return this.link.queryStatus();
  }

  jobState(jobId: string): PrintJobState | undefined {
    return this.#jobs.get(jobId)?.state;
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    const known = this.#jobs.get(job.id);
    if (known?.promise && known.state !== 'failed') return known.promise;
    this.assertEnabled('print');
    const bytes = encodeReceipt(job.document, this.options);
    const entry: JobEntry = { state: 'queued' };
    const run = async (): Promise<PrintOutcome> => {
      this.#pending += 1;
      this.setState('busy');
      try {
        return await this.runJob(job, bytes, entry);
      } finally {
        this.#pending -= 1;
        if (this.#pending === 0 && this.state === 'busy') this.setState('idle');
      }
    };
    const promise = this.#queue.then(run, run);
    this.#queue = promise.catch(() => undefined);
    entry.promise = promise;
    this.#jobs.set(job.id, entry);
    return promise;
  }

  private fail(entry: JobEntry, error: DeviceError): never {
    entry.state = 'failed';
    throw error;
  }

  private answers(): ErrorResponse[] {
    return this.options.fallback ? ['retry', 'clear', 'fallback'] : ['retry', 'clear'];
  }

  private async toFallback(job: PrintJob, entry: JobEntry): Promise<PrintOutcome> {
    const fallback = this.options.fallback;
    if (!fallback)
      this.fail(
        entry,
        new DeviceError('printer.no-fallback', this.name, 'has no fallback printer configured.'),
      );
    const outcome = await fallback.print(job);
    entry.state = 'printed';
    this.events.emit('outputComplete', { outputId: job.id });
    return outcome;
  }

  private async runJob(job: PrintJob, bytes: Uint8Array, entry: JobEntry): Promise<PrintOutcome> {
    for (;;) {
      // 1. Connected, and not blocked by paper or cover: nothing has left for this job yet, so any
      // problem here is safe to retry.
      const problem = await this.preflight(job);
      if (problem) {
        const answer = await this.raiseError(problem, this.answers(), 'retry');
        if (answer === 'clear') {
          this.fail(
            entry,
            new DeviceError(
              'printer.job-cleared',
              this.name,
              `job ${job.id} was cleared before printing: ${problem.message}`,
              { jobId: job.id },
              { cause: problem },
            ),
          );
        }
        if (answer === 'fallback') return await this.toFallback(job, entry);
        if (this.events.listenerCount('error') === 0) await delay(this.options.pollMs ?? 250);
        continue;
      }
      // 2. Send the job followed by a process-id request; from here on the job may be on paper.
      const ack = this.link.newProcessId();
      entry.state = 'sending';
      try {
        await this.link.write(Uint8Array.of(...bytes, ...ack.request));
        await this.awaitAck(job, ack);
        entry.state = 'printed';
        this.events.emit('outputComplete', { outputId: job.id });
        return { jobId: job.id, printedBy: this.name };
      } catch (error) {
        this.link.dropProcessId(ack.id);
        if (isDeviceError(error, 'printer.job-cleared')) this.fail(entry, error);
        const cause = error instanceof Error ? error.message : String(error);
        const interrupted = new DeviceError(
          'printer.job-interrupted',
          this.name,
          `job ${job.id} was interrupted after it was sent (${cause}); it may be partly or fully on paper. Retry prints it again.`,
          { jobId: job.id },
          { cause: error },
        );
        const answer = await this.raiseError(interrupted, this.answers(), 'clear');
        if (answer === 'retry') continue;
        if (answer === 'fallback') return await this.toFallback(job, entry);
        this.fail(entry, interrupted);
      }
    }
  }

  /** Why the job cannot start now (unreachable, paper out, cover open), or undefined when it can. */
  private async preflight(job: PrintJob): Promise<DeviceError | undefined> {
    try {
      await this.link.link.waitConnected(this.options.reconnectWaitMs ?? 5_000);
      const blocked = blockingConditions(await this.link.queryStatus());
      if (blocked.length === 0) return undefined;
      return new DeviceError(
        `printer.${blocked[0]}`,
        this.name,
        `cannot print: ${blocked.join(', ')}. Fix it and retry.`,
        { jobId: job.id, conditions: blocked },
      );
    } catch (error) {
      if (isDeviceError(error)) return error;
      throw error;
    }
  }

  /**
   * Waits for the process-id answer, polling status meanwhile: paper out or cover open raise an error
   * event (the printer resumes by itself once fixed, so `retry` keeps waiting and nothing is resent).
   */
  private async awaitAck(job: PrintJob, ack: { id: string; done: Promise<void> }): Promise<void> {
    let acked = false;
    let failure: Error | undefined;
    ack.done.then(
      () => (acked = true),
      (error: unknown) => (failure = error instanceof Error ? error : new Error(describeCause(error))),
    );
    const stallMs = this.options.stallTimeoutMs ?? 10_000;
    let lastAnswer = Date.now();
    let reported = '';
    while (!acked) {
      if (failure !== undefined) throw failure;
      await Promise.race([ack.done.catch(() => undefined), delay(this.options.pollMs ?? 250)]);
      if (acked || failure !== undefined) continue;
      let status: PrinterStatus;
      try {
        status = await this.link.queryStatus();
        lastAnswer = Date.now();
      } catch (error) {
        if (failure !== undefined || acked) continue;
        if (!isDeviceError(error, 'printer.no-status')) throw error;
        if (Date.now() - lastAnswer < stallMs) continue;
        const answer = await this.raiseError(
          new DeviceError('printer.stalled', this.name, `stopped answering while printing job ${job.id}.`, {
            jobId: job.id,
          }),
          ['retry', 'clear'],
          'clear',
        );
        if (answer === 'clear')
          throw new DeviceError(
            'printer.job-cleared',
            this.name,
            `job ${job.id} was cleared while the printer did not answer.`,
            { jobId: job.id },
            { cause: error },
          );
        lastAnswer = Date.now();
        continue;
      }
      const blocked = blockingConditions(status).join(', ');
      if (blocked && blocked !== reported) {
        reported = blocked;
        const answer = await this.raiseError(
          new DeviceError(
            `printer.${blockingConditions(status)[0]}`,
            this.name,
            `stopped printing job ${job.id}: ${blocked}. It resumes when fixed.`,
            { jobId: job.id },
          ),
          ['retry', 'clear'],
          'retry',
        );
        if (answer === 'clear')
          throw new DeviceError(
            'printer.job-cleared',
            this.name,
            `job ${job.id} was cleared while the printer was stopped (${blocked}).`,
            { jobId: job.id },
          );
      } else if (!blocked) reported = '';
    }
  }
}
