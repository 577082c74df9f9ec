import { currencyExponent, type Money } from '@store-os/shared';

/**
 * nexo SaleToPOI messages in the JSON shape of the Adyen Terminal API (local integration). The POS
 * sends amounts and references; card data stays in the terminal, results carry only a token or PSP
 * reference, masked PAN, brand and auth code.
 */
export type NexoCategory = 'Payment' | 'Reversal' | 'TransactionStatus' | 'Abort';

/** The header every nexo message carries; ServiceID identifies one request (≤ 10 chars). */
export interface NexoHeader {
  readonly ProtocolVersion: '3.0';
  readonly MessageClass: 'Service';
  readonly MessageCategory: NexoCategory;
  readonly MessageType: 'Request' | 'Response';
  readonly ServiceID: string;
  readonly SaleID: string;
  readonly POIID: string;
}

/** Outcome of a payment-type request as the POS sees it. */
export type PaymentStatus = 'approved' | 'declined' | 'aborted' | 'in-progress' | 'not-found' | 'failed';

/** What a payment, refund or reversal returns: never card data, only references to it. */
export interface PaymentResult {
  readonly status: PaymentStatus;
  readonly transactionId: string;
  readonly amount?: Money;
  readonly pspReference?: string;
  readonly token?: string;
  readonly maskedPan?: string;
  readonly brand?: string;
  readonly authCode?: string;
  readonly receiptLines: readonly string[];
  /** Approved by the terminal offline (store-and-forward); not yet seen by the acquirer. */
  readonly offline: boolean;
  readonly errorCondition?: string;
}

const DECIMAL_MARK = '\u0000decimal:';

/** Minor units to a decimal string ("10.99") by string arithmetic, never through a float. */
export function minorToDecimal(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return minor < 0 ? `-${text}` : text;
}

/** A decimal string ("10.99", "10.9", "10") to minor units; undefined if it has more digits than the currency. */
export function decimalToMinor(text: string, currency: string): number | undefined {
  const exponent = currencyExponent(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[3] ?? '';
  if (fraction.length > exponent) return undefined;
  const value = Number(match[2] + fraction.padEnd(exponent, '0'));
  return match[1] ? -value : value;
}

/** A JSON number written from its decimal text, so the wire carries 10.99 without a float in between. */
export function decimal(text: string): string {
  return DECIMAL_MARK + text;
}

/** JSON.stringify that turns `decimal()` strings into bare JSON numbers. */
export function stringifyNexo(message: unknown): string {
  return JSON.stringify(message).replace(/"\\u0000decimal:(-?\d+(?:\.\d+)?)"/g, '$1');
}

/** Reads a decimal number field from raw JSON text (JSON.parse would turn it into a float first). */
export function readDecimalField(rawJson: string, field: string): string | undefined {
  const match = new RegExp(`"${field}"\\s*:\\s*(-?\\d+(?:\\.\\d+)?)`).exec(rawJson);
  return match?.[1];
}

export function header(category: NexoCategory, serviceId: string, saleId: string, poiId: string): NexoHeader {
  return {
    ProtocolVersion: '3.0',
    MessageClass: 'Service',
    MessageCategory: category,
    MessageType: 'Request',
    ServiceID: serviceId,
    SaleID: saleId,
    POIID: poiId,
  };
}

/** Fields the POS fills in for a payment or refund. */
export interface PaymentRequestInput {
  readonly serviceId: string;
  readonly saleId: string;
  readonly poiId: string;
  readonly transactionId: string;
  readonly amount: Money;
  readonly timestamp: string;
  readonly refund?: boolean;
  /** False asks the terminal not to approve offline (the POS's store-and-forward cap is reached). */
  readonly offlineAllowed: boolean;
}

export function paymentRequest(input: PaymentRequestInput): unknown {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Payment', input.serviceId, input.saleId, input.poiId),
      PaymentRequest: {
        SaleData: {
          SaleTransactionID: { TransactionID: input.transactionId, TimeStamp: input.timestamp },
          SaleToAcquirerData: `offlineAllowed=${String(input.offlineAllowed)}`,
        },
        PaymentTransaction: {
          AmountsReq: {
            Currency: input.amount.currency,
            RequestedAmount: decimal(minorToDecimal(input.amount.amount, input.amount.currency)),
          },
        },
        PaymentData: { PaymentType: input.refund ? 'Refund' : 'Normal' },
      },
    },
  };
}

/** A reversal of an earlier approval, identified by the terminal's transaction id (PSP reference). */
export function reversalRequest(input: {
  serviceId: string;
  saleId: string;
  poiId: string;
  pspReference: string;
  timestamp: string;
}): unknown {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Reversal', input.serviceId, input.saleId, input.poiId),
      ReversalRequest: {
        OriginalPOITransaction: {
          POITransactionID: { TransactionID: input.pspReference, TimeStamp: input.timestamp },
        },
        ReversalReason: 'MerchantCancel',
      },
    },
  };
}

/** Asks what became of an earlier request (by its ServiceID): the recovery for a lost response. */
export function transactionStatusRequest(input: {
  serviceId: string;
  saleId: string;
  poiId: string;
  ofServiceId: string;
  ofCategory: NexoCategory;
}): unknown {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('TransactionStatus', input.serviceId, input.saleId, input.poiId),
      TransactionStatusRequest: {
        MessageReference: {
          MessageCategory: input.ofCategory,
          SaleID: input.saleId,
          POIID: input.poiId,
          ServiceID: input.ofServiceId,
        },
      },
    },
  };
}

export function abortRequest(input: {
  serviceId: string;
  saleId: string;
  poiId: string;
  ofServiceId: string;
}): unknown {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Abort', input.serviceId, input.saleId, input.poiId),
      AbortRequest: {
        MessageReference: {
          MessageCategory: 'Payment',
          SaleID: input.saleId,
          POIID: input.poiId,
          ServiceID: input.ofServiceId,
        },
        AbortReason: 'MerchantAbort',
      },
    },
  };
}
