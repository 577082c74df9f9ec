// The payment panel's markup (effects do not run): what is due, and every way to pay as a named key.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TerminalContext } from '../app/start-terminal';
import { storePolicy } from '../sale/store-policy';
import { TenderPanel } from './TenderPanel';

beforeAll(() => {
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
});

const render = (currency: string, amount: number) =>
  renderToStaticMarkup(
    createElement(TenderPanel, {
      context: {} as TerminalContext,
      total: { amount, currency },
      policy: storePolicy(currency),
      loyaltyAccountId: undefined,
      customer: undefined,
      offline: () => false,
      onSettled: () => Promise.resolve(),
      onCancel: () => undefined,
    }),
  );

describe('TenderPanel', () => {
  it('shows the total, what is left and the cash-rounded amount, with a key on every way to pay', () => {
    const html = render('CHF', 1002);
    expect(html).toContain('aria-label="Payment"');
    expect(html).toMatch(/data-testid="tender-remaining">CHF[\s\u00a0]10\.02</);
    expect(html).toMatch(/<dt>In cash<\/dt><dd>CHF[\s\u00a0]10\.00</);
    for (const key of ['F5', 'F6', 'F7', 'F8', 'F9', 'F11', 'F12', 'Escape'])
      expect(html).toContain(`aria-keyshortcuts="${key}"`);
    expect(html).toMatch(/aria-keyshortcuts="F8"><kbd>F8<\/kbd> Store credit<\/button>/);
    expect(html).toContain('<label for="tender-amount">Amount</label>');
  });

  it('does not show a cash line where cash is paid to the cent', () => {
    expect(render('EUR', 1002)).not.toContain('In cash');
  });
});
