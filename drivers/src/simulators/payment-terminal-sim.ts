import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { decimal, readDecimalField, stringifyNexo } from '../protocols/nexo';

/** How the simulated terminal answers the next payments. */
export type TerminalScenario = 'approve' | 'decline' | 'timeout' | 'lost-response' | 'offline';

/** One transaction as the terminal's own journal holds it. */
export interface TerminalRecord {
  readonly serviceId: string;
  readonly transactionId: string;
  readonly pspReference: string;
  readonly amountText: string;
  readonly currency: string;
  readonly refund: boolean;
  status: 'in-progress' | 'approved' | 'declined' | 'aborted' | 'reversed';
  offline: boolean;
  forwarded: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A semi-integrated terminal speaking nexo JSON over loopback HTTP, with a journal so tests can count
 * charges. Duplicate requests for one SaleTransactionID get the first answer again, as real
 * terminals do; the scenario decides how new payments end.
 */
export class PaymentTerminalSimulator {
  scenario: TerminalScenario = 'approve';
  readonly journal: TerminalRecord[] = [];
  /** Every request received, by category, for assertions. */
  readonly received: string[] = [];
  readonly #waiting = new Map<string, (record: TerminalRecord) => void>();
  #server: Server | undefined;
  #port = 0;
  #psp = 0;

  static async start(options: { port?: number } = {}): Promise<PaymentTerminalSimulator> {
    const sim = new PaymentTerminalSimulator();
    const server = createServer((req, res) => void sim.handle(req, res).catch(() => res.destroy()));
    sim.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    sim.#port = typeof address === 'object' && address ? address.port : 0;
    return sim;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}/nexo`;
  }

  /** Approved, not reversed payments: what the acquirer will settle. */
  get charges(): TerminalRecord[] {
    return this.journal.filter((r) => r.status === 'approved' && !r.refund);
  }

  /** The terminal reached the acquirer again and forwarded its offline approvals. */
  forwardOffline(): number {
    const pending = this.journal.filter((r) => r.offline && !r.forwarded);
    for (const record of pending) record.forwarded = true;
    return pending.length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += (chunk as Buffer).toString();
    const request = obj(obj(JSON.parse(raw))['SaleToPOIRequest']);
    const header = obj(request['MessageHeader']);
    const category = str(header['MessageCategory']);
    this.received.push(category);
    const reply = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(stringifyNexo(body));
    };
    switch (category) {
      case 'Payment':
        return this.payment(request, header, raw, reply, res);
      case 'TransactionStatus':
        return reply(
          this.statusResponse(header, obj(obj(request['TransactionStatusRequest'])['MessageReference'])),
        );
      case 'Abort': {
        const ref = obj(obj(request['AbortRequest'])['MessageReference']);
        const record = this.journal.find((r) => r.serviceId === str(ref['ServiceID']));
        if (record?.status === 'in-progress') {
          record.status = 'aborted';
          this.#waiting.get(record.serviceId)?.(record);
        }
        res.writeHead(200).end();
        return;
      }
      case 'Reversal': {
        const psp = str(
          obj(obj(obj(request['ReversalRequest'])['OriginalPOITransaction'])['POITransactionID'])[
            'TransactionID'
          ],
        );
        const record = this.journal.find((r) => r.pspReference === psp);
        const ok = record?.status === 'approved';
        if (record && ok) record.status = 'reversed';
        return reply({
          SaleToPOIResponse: {
            MessageHeader: { ...header, MessageType: 'Response' },
            ReversalResponse: {
              Response: ok ? { Result: 'Success' } : { Result: 'Failure', ErrorCondition: 'NotFound' },
              POIData: { POITransactionID: { TransactionID: psp, TimeStamp: new Date().toISOString() } },
            },
          },
        });
      }
      default:
        res.writeHead(400).end(`unsupported MessageCategory ${category}`);
    }
  }

  private async payment(
    request: Json,
    header: Json,
    raw: string,
    reply: (body: unknown) => void,
    res: ServerResponse,
  ): Promise<void> {
    const payment = obj(request['PaymentRequest']);
    const saleData = obj(payment['SaleData']);
    const transactionId = str(obj(saleData['SaleTransactionID'])['TransactionID']);
    const duplicate = this.journal.find(
      (r) => r.transactionId === transactionId && r.status !== 'in-progress' && r.status !== 'aborted',
    );
    if (duplicate)
      return reply(this.paymentResponse({ ...header, ServiceID: header['ServiceID'] }, duplicate));
    const amounts = obj(obj(payment['PaymentTransaction'])['AmountsReq']);
    const record: TerminalRecord = {
      serviceId: str(header['ServiceID']),
      transactionId,
      pspReference: `PSP${String((this.#psp += 1)).padStart(8, '0')}`,
      amountText: readDecimalField(raw, 'RequestedAmount') ?? '0',
      currency: str(amounts['Currency']),
      refund: str(obj(payment['PaymentData'])['PaymentType']) === 'Refund',
      status: 'in-progress',
      offline: false,
      forwarded: false,
    };
    this.journal.push(record);
    switch (this.scenario) {
      case 'approve':
        record.status = 'approved';
        return reply(this.paymentResponse(header, record));
      case 'decline':
        record.status = 'declined';
        return reply(this.paymentResponse(header, record));
      case 'lost-response':
        record.status = 'approved';
        res.socket?.destroy();
        return;
      case 'offline': {
        const allowed = str(saleData['SaleToAcquirerData']).includes('offlineAllowed=true');
        record.status = allowed ? 'approved' : 'declined';
        record.offline = allowed;
        return reply(this.paymentResponse(header, record));
      }
      case 'timeout': {
        // The cardholder never presents a card: the request hangs until aborted or the client gives up.
        const done = await new Promise<TerminalRecord | undefined>((resolve) => {
          this.#waiting.set(record.serviceId, resolve);
          res.on('close', () => resolve(undefined));
        });
        this.#waiting.delete(record.serviceId);
        if (record.status === 'in-progress') record.status = 'aborted';
        if (done && !res.writableEnded && !res.destroyed) reply(this.paymentResponse(header, record));
        return;
      }
    }
  }

  private paymentResponse(header: Json, record: TerminalRecord): unknown {
    const approved = record.status === 'approved';
    const additional = `offline=${String(record.offline && !record.forwarded)}${approved ? `&token=tok_${record.pspReference.toLowerCase()}` : ''}`;
    const receipt = approved
      ? [
          'CARD PAYMENT',
          'VISA  **** **** **** 1111',
          `AMOUNT ${record.currency} ${record.amountText}`,
          'AUTH CODE 012345',
          record.offline ? 'OFFLINE - FORWARDED LATER' : 'APPROVED',
        ]
      : ['CARD PAYMENT', record.status === 'aborted' ? 'CANCELLED' : 'DECLINED'];
    return {
      SaleToPOIResponse: {
        MessageHeader: { ...header, MessageType: 'Response' },
        PaymentResponse: {
          Response: approved
            ? { Result: 'Success', AdditionalResponse: additional }
            : {
                Result: 'Failure',
                ErrorCondition: record.status === 'aborted' ? 'Aborted' : 'Refusal',
                AdditionalResponse: additional,
              },
          SaleData: {
            SaleTransactionID: { TransactionID: record.transactionId, TimeStamp: new Date().toISOString() },
          },
          POIData: {
            POITransactionID: { TransactionID: record.pspReference, TimeStamp: new Date().toISOString() },
          },
          PaymentResult: approved
            ? {
                PaymentInstrumentData: { CardData: { MaskedPan: '411111******1111', PaymentBrand: 'visa' } },
                AmountsResp: { AuthorizedAmount: decimal(record.amountText), Currency: record.currency },
                PaymentAcquirerData: { ApprovalCode: '012345' },
              }
            : {},
          PaymentReceipt: [
            {
              DocumentQualifier: 'CustomerReceipt',
              OutputContent: { OutputFormat: 'Text', OutputText: receipt.map((Text) => ({ Text })) },
            },
          ],
        },
      },
    };
  }

  private statusResponse(header: Json, reference: Json): unknown {
    const record = this.journal.find((r) => r.serviceId === str(reference['ServiceID']));
    const base = { MessageHeader: { ...header, MessageType: 'Response' } };
    if (!record)
      return {
        SaleToPOIResponse: {
          ...base,
          TransactionStatusResponse: { Response: { Result: 'Failure', ErrorCondition: 'NotFound' } },
        },
      };
    if (record.status === 'in-progress')
      return {
        SaleToPOIResponse: {
          ...base,
          TransactionStatusResponse: { Response: { Result: 'Failure', ErrorCondition: 'InProgress' } },
        },
      };
    const original = obj(
      obj(
        this.paymentResponse({ ...header, MessageCategory: 'Payment', ServiceID: record.serviceId }, record),
      )['SaleToPOIResponse'],
    );
    return {
      SaleToPOIResponse: {
        ...base,
        TransactionStatusResponse: {
          Response: { Result: 'Success' },
          RepeatedMessageResponse: {
            MessageHeader: original['MessageHeader'],
            RepeatedResponseMessageBody: { PaymentResponse: original['PaymentResponse'] },
          },
        },
      },
    };
  }

  async close(): Promise<void> {
    for (const resolve of this.#waiting.values()) resolve(undefined as unknown as TerminalRecord);
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
