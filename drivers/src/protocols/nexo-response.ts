import { money } from '@store-os/shared';
import { decimalToMinor, readDecimalField, type PaymentResult } from './nexo';

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Parses `a=b&c=d` (nexo AdditionalResponse). */
export function parseAdditional(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split('&')) {
    const [key, value] = pair.split('=');
    if (key) out[decodeURIComponent(key)] = decodeURIComponent(value ?? '');
  }
  return out;
}

/** Text lines of the CustomerReceipt (falls back to the first receipt). */
function receiptLines(response: Json): string[] {
  const receipts = Array.isArray(response['PaymentReceipt']) ? (response['PaymentReceipt'] as unknown[]) : [];
  const customer =
    receipts.map(obj).find((r) => r['DocumentQualifier'] === 'CustomerReceipt') ?? obj(receipts[0]);
  const output = obj(obj(customer['OutputContent'])['OutputText']);
  const texts = Array.isArray(obj(customer['OutputContent'])['OutputText'])
    ? (obj(customer['OutputContent'])['OutputText'] as unknown[])
    : [output];
  return texts.map((t) => str(obj(t)['Text'])).filter((t): t is string => t !== undefined);
}

/** A PaymentResponse / ReversalResponse body to a PaymentResult. `rawJson` supplies the exact amount. */
export function parsePaymentResponse(body: unknown, transactionId: string, rawJson: string): PaymentResult {
  const response = obj(body);
  const result = obj(response['Response']);
  const additional = parseAdditional(str(result['AdditionalResponse']));
  const paymentResult = obj(response['PaymentResult']);
  const card = obj(obj(paymentResult['PaymentInstrumentData'])['CardData']);
  const acquirer = obj(paymentResult['PaymentAcquirerData']);
  const amounts = obj(paymentResult['AmountsResp']);
  const currency = str(amounts['Currency']);
  const decimalText = readDecimalField(rawJson, 'AuthorizedAmount');
  const minor = currency && decimalText ? decimalToMinor(decimalText, currency) : undefined;
  const success = result['Result'] === 'Success';
  const condition = str(result['ErrorCondition']);
  const pspReference = str(obj(obj(response['POIData'])['POITransactionID'])['TransactionID']);
  const token = additional['recurring.recurringDetailReference'] ?? additional['token'];
  const maskedPan = str(card['MaskedPan']);
  const brand = str(card['PaymentBrand']);
  const authCode = str(acquirer['ApprovalCode']);
  return {
    status: success ? 'approved' : condition === 'Aborted' || condition === 'Cancel' ? 'aborted' : 'declined',
    transactionId,
    ...(minor !== undefined && currency ? { amount: money(minor, currency) } : {}),
    ...(pspReference ? { pspReference } : {}),
    ...(token ? { token } : {}),
    ...(maskedPan ? { maskedPan } : {}),
    ...(brand ? { brand } : {}),
    ...(authCode ? { authCode } : {}),
    receiptLines: receiptLines(response),
    offline: additional['offline'] === 'true',
    ...(condition ? { errorCondition: condition } : {}),
  };
}

/** A TransactionStatusResponse: the repeated original response, or in progress / not found. */
export function parseTransactionStatus(body: unknown, transactionId: string, rawJson: string): PaymentResult {
  const response = obj(body);
  const result = obj(response['Response']);
  if (result['Result'] !== 'Success') {
    const condition = str(result['ErrorCondition']);
    const status =
      condition === 'InProgress' ? 'in-progress' : condition === 'NotFound' ? 'not-found' : 'failed';
    return {
      status,
      transactionId,
      receiptLines: [],
      offline: false,
      ...(condition ? { errorCondition: condition } : {}),
    };
  }
  const repeated = obj(obj(response['RepeatedMessageResponse'])['RepeatedResponseMessageBody']);
  const inner = repeated['PaymentResponse'] ?? repeated['ReversalResponse'];
  return parsePaymentResponse(inner, transactionId, rawJson);
}

/** The response body under SaleToPOIResponse, keyed by its message kind. */
export function unwrapResponse(json: unknown): { header: Json; body: Json; kind: string } {
  const root = obj(obj(json)['SaleToPOIResponse']);
  const kind = Object.keys(root).find((k) => k !== 'MessageHeader') ?? '';
  return { header: obj(root['MessageHeader']), body: obj(root[kind]), kind };
}
