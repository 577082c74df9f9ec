import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NexoPaymentTerminal, type NexoTerminalOptions } from '../devices/nexo-payment-terminal';
import { PaymentTerminalSimulator } from '../simulators/payment-terminal-sim';

let sim: PaymentTerminalSimulator;
const terminals: NexoPaymentTerminal[] = [];

async function terminal(options: Partial<NexoTerminalOptions> = {}): Promise<NexoPaymentTerminal> {
  const device = new NexoPaymentTerminal('card', {
    url: sim.url,
    saleId: 'T1',
    poiId: 'P1',
    statusPollMs: 20,
    recoveryTimeoutMs: 2_000,
    ...options,
  });
  await device.open();
  await device.claim(1_000);
  await device.enable();
  terminals.push(device);
  return device;
}

const eur = (amount: number): { amount: number; currency: string } => ({ amount, currency: 'EUR' });

beforeEach(async () => {
  sim = await PaymentTerminalSimulator.start();
});
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.close();
  await sim.close();
});

describe('nexo payment terminal over loopback HTTP', () => {
  it('approves with references only: PSP reference, token, masked PAN, brand, auth code, receipt lines', async () => {
    const card = await terminal();
    const result = await card.pay({ transactionId: 'pay-1', amount: eur(1999) });
    expect(result).toMatchObject({
      status: 'approved',
      transactionId: 'pay-1',
      amount: eur(1999),
      maskedPan: '411111******1111',
      brand: 'visa',
      authCode: '012345',
      offline: false,
    });
    expect(result.pspReference).toMatch(/^PSP/);
    expect(result.token).toMatch(/^tok_/);
    expect(result.receiptLines).toContain('AMOUNT EUR 19.99');
    expect(JSON.stringify(result)).not.toMatch(/4111111111111111/);
  });

  it('declines', async () => {
    sim.scenario = 'decline';
    const card = await terminal();
    await expect(card.pay({ transactionId: 'pay-2', amount: eur(500) })).resolves.toMatchObject({
      status: 'declined',
      errorCondition: 'Refusal',
    });
    expect(sim.charges).toHaveLength(0);
  });

  it('is idempotent per transaction id: concurrent and repeated calls charge once', async () => {
    const card = await terminal();
    const [a, b] = await Promise.all([
      card.pay({ transactionId: 'pay-3', amount: eur(700) }),
      card.pay({ transactionId: 'pay-3', amount: eur(700) }),
    ]);
    const c = await card.pay({ transactionId: 'pay-3', amount: eur(700) });
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(sim.charges).toHaveLength(1);
    expect(sim.received.filter((r) => r === 'Payment')).toHaveLength(1);
  });

  it('a duplicate request from another POS process gets the first answer, not a second charge', async () => {
    const first = await terminal();
    const approved = await first.pay({ transactionId: 'pay-4', amount: eur(1200) });
    const restarted = await terminal();
    const again = await restarted.pay({ transactionId: 'pay-4', amount: eur(1200) });
    expect(again.pspReference).toBe(approved.pspReference);
    expect(sim.charges).toHaveLength(1);
  });

  it('recovers a lost response with a transaction-status query, never by paying again', async () => {
    sim.scenario = 'lost-response';
    const card = await terminal();
    const result = await card.pay({ transactionId: 'pay-5', amount: eur(4550) });
    expect(result).toMatchObject({ status: 'approved', amount: eur(4550) });
    expect(sim.charges).toHaveLength(1);
    expect(sim.received).toEqual(['Payment', 'TransactionStatus']);
  });

  it('after a POS crash mid-payment, a restarted POS learns the outcome from the transaction id alone', async () => {
    sim.scenario = 'lost-response';
    const crashed = await terminal({ recoveryTimeoutMs: 1 });
    await crashed.pay({ transactionId: 'pay-crash', amount: eur(2500) }).catch(() => undefined);
    const restarted = await terminal();
    await expect(restarted.transactionStatus('pay-crash')).resolves.toMatchObject({
      status: 'approved',
      amount: eur(2500),
    });
    await expect(restarted.transactionStatus('never-sent')).resolves.toMatchObject({ status: 'not-found' });
    expect(sim.charges).toHaveLength(1);
  });

  it('a card wait that times out is aborted and its outcome asked for', async () => {
    sim.scenario = 'timeout';
    const card = await terminal({ requestTimeoutMs: 300 });
    const result = await card.pay({ transactionId: 'pay-6', amount: eur(100) });
    expect(result.status).toBe('aborted');
    expect(sim.received).toEqual(['Payment', 'Abort', 'TransactionStatus']);
    expect(sim.charges).toHaveLength(0);
  });

  it('abort() stops a payment waiting for the card', async () => {
    sim.scenario = 'timeout';
    const card = await terminal();
    const payment = card.pay({ transactionId: 'pay-7', amount: eur(100) });
    await expect.poll(() => sim.journal.length).toBe(1);
    await card.abort('pay-7');
    await expect(payment).resolves.toMatchObject({ status: 'aborted', errorCondition: 'Aborted' });
  });

  it('approves offline only up to the store-and-forward cap, and reconciles once forwarded', async () => {
    sim.scenario = 'offline';
    const card = await terminal({ offline: { allowed: true, maxCount: 2, maxTotalMinor: 10_000 } });
    expect(card.capabilities['offline']).toBe(true);
    await expect(card.pay({ transactionId: 'off-1', amount: eur(3000) })).resolves.toMatchObject({
      status: 'approved',
      offline: true,
    });
    await expect(card.pay({ transactionId: 'off-2', amount: eur(8000) })).resolves.toMatchObject({
      status: 'declined',
    });
    await expect(card.pay({ transactionId: 'off-3', amount: eur(2000) })).resolves.toMatchObject({
      status: 'approved',
      offline: true,
    });
    await expect(card.pay({ transactionId: 'off-4', amount: eur(100) })).resolves.toMatchObject({
      status: 'declined',
    });
    expect(card.offlineExposure()).toEqual({ count: 2, totals: { EUR: 5000 } });
    sim.forwardOffline();
    await expect(card.reconcileOffline()).resolves.toBe(2);
    expect(card.offlineExposure().count).toBe(0);
    await expect(card.pay({ transactionId: 'off-5', amount: eur(100) })).resolves.toMatchObject({
      status: 'approved',
      offline: true,
    });
  });

  it('refunds and reverses', async () => {
    const card = await terminal();
    const paid = await card.pay({ transactionId: 'pay-8', amount: eur(900) });
    await expect(card.reverse('pay-8', paid.pspReference ?? '')).resolves.toMatchObject({
      status: 'approved',
    });
    expect(sim.charges).toHaveLength(0);
    await expect(card.refund({ transactionId: 'ref-1', amount: eur(250) })).resolves.toMatchObject({
      status: 'approved',
      amount: eur(250),
    });
  });

  it('an unreachable terminal yields an unresolved result, and asking again never charges twice', async () => {
    const card = await terminal({ recoveryTimeoutMs: 200 });
    await sim.close();
    const result = await card.pay({ transactionId: 'pay-9', amount: eur(100) });
    expect(result).toMatchObject({ status: 'failed' });
    const health = await card.checkHealth();
    expect(health.ok).toBe(false);
  });
});
