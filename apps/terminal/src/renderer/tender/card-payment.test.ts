import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noWait, startFakeCounter, type FakeCounter } from '../sale/counter-fixture';
import { abortCardPayment, checkCardPayment, startCardPayment } from './card-payment';

let counter: FakeCounter;
beforeEach(async () => {
  counter = await startFakeCounter();
});
afterEach(() => counter.dispose());

const request = { transactionId: 'tx-1', amount: 1250, currency: 'EUR' };
const starts = () => counter.calls.filter((c) => c.method === 'payment.start').length;

describe('card payment', () => {
  it('starts once and follows the terminal to an approval with the card details', async () => {
    counter.paymentAnswers = ['pending', 'pending', 'approved'];
    const seen: string[] = [];
    const outcome = await startCardPayment(counter.bridge, request, {
      wait: noWait,
      onUpdate: (o) => seen.push(o.state),
    });
    expect(outcome).toMatchObject({
      state: 'approved',
      approval: { maskedPan: '411111******1111', brand: 'visa', authCode: '012345' },
    });
    expect(seen).toEqual(['pending', 'pending', 'pending', 'approved']);
    expect(starts()).toBe(1);
  });

  it('reports a decline as final', async () => {
    counter.paymentAnswers = ['declined'];
    expect((await startCardPayment(counter.bridge, request, { wait: noWait })).state).toBe('declined');
  });

  it('never sends the payment again while the outcome is unknown: it only asks', async () => {
    counter.paymentAnswers = ['unknown'];
    const first = await startCardPayment(counter.bridge, request, { wait: noWait, maxPolls: 3 });
    expect(first.state).toBe('unknown');
    counter.paymentAnswers = ['approved'];
    const later = await checkCardPayment(counter.bridge, 'tx-1', { wait: noWait });
    expect(later.state).toBe('approved');
    expect(starts()).toBe(1);
    expect(counter.calls.filter((c) => c.method === 'payment.status')).toHaveLength(4);
  });

  it('aborts, then asks what became of the payment', async () => {
    counter.paymentAnswers = ['pending'];
    await startCardPayment(counter.bridge, request, { wait: noWait, maxPolls: 2 });
    const aborted = await abortCardPayment(counter.bridge, 'tx-1', { wait: noWait });
    expect(aborted.state).toBe('aborted');
    expect(counter.calls.map((c) => c.method)).toContain('payment.abort');
  });
});
