import { describe, expect, it } from 'vitest';
import { decimalToMinor, minorToDecimal, paymentRequest, stringifyNexo } from './nexo';
import { parsePaymentResponse, parseTransactionStatus } from './nexo-response';

describe('nexo amounts', () => {
  it('converts minor units to decimals and back by string arithmetic', () => {
    expect(minorToDecimal(1099, 'EUR')).toBe('10.99');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
    expect(minorToDecimal(12345, 'KWD')).toBe('12.345');
    expect(decimalToMinor('10.9', 'EUR')).toBe(1090);
    expect(decimalToMinor('0.1', 'EUR')).toBe(10);
    expect(decimalToMinor('1.234', 'EUR')).toBeUndefined();
  });

  it('puts the amount on the wire as a bare JSON number', () => {
    const json = stringifyNexo(
      paymentRequest({
        serviceId: 's1',
        saleId: 'T1',
        poiId: 'P1',
        transactionId: 'tx',
        amount: { amount: 1999, currency: 'EUR' },
        timestamp: '2026-01-01T00:00:00Z',
        offlineAllowed: false,
      }),
    );
    expect(json).toContain('"RequestedAmount":19.99');
    expect(json).toContain('"PaymentType":"Normal"');
  });
});

describe('nexo responses', () => {
  const raw = JSON.stringify({
    Response: { Result: 'Success', AdditionalResponse: 'offline=false&token=tok_1' },
    POIData: { POITransactionID: { TransactionID: 'PSP1' } },
    PaymentResult: {
      PaymentInstrumentData: { CardData: { MaskedPan: '411111******1111', PaymentBrand: 'visa' } },
      AmountsResp: { AuthorizedAmount: 0, Currency: 'EUR' },
      PaymentAcquirerData: { ApprovalCode: '012345' },
    },
    PaymentReceipt: [
      { DocumentQualifier: 'CustomerReceipt', OutputContent: { OutputText: [{ Text: 'APPROVED' }] } },
    ],
  }).replace('"AuthorizedAmount":0', '"AuthorizedAmount":0.3');

  it('keeps references only and reads the amount exactly (0.30 is 30, not 29.999…)', () => {
    const result = parsePaymentResponse(JSON.parse(raw), 'tx', raw);
    expect(result).toEqual({
      status: 'approved',
      transactionId: 'tx',
      amount: { amount: 30, currency: 'EUR' },
      pspReference: 'PSP1',
      token: 'tok_1',
      maskedPan: '411111******1111',
      brand: 'visa',
      authCode: '012345',
      receiptLines: ['APPROVED'],
      offline: false,
    });
  });

  it('maps transaction-status errors to in-progress and not-found', () => {
    expect(
      parseTransactionStatus({ Response: { Result: 'Failure', ErrorCondition: 'InProgress' } }, 'tx', '')
        .status,
    ).toBe('in-progress');
    expect(
      parseTransactionStatus({ Response: { Result: 'Failure', ErrorCondition: 'NotFound' } }, 'tx', '')
        .status,
    ).toBe('not-found');
  });
});
