// The sell screen rendered inside a test session (the login gate provides the real one): markup only,
// effects do not run, so this checks what the cashier is shown and that every control is named.
import { finishedReplay } from '../journal/journal-replay';
import { calculateCartTotals, fixedClock } from '@store-os/shared';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalContext } from '../app/start-terminal';
import { findItem } from '../catalog/find-item';
import { loadPricingContext, type PricingContext } from '../catalog/pricing-context';
import type { TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase, startFakeCounter, type FakeCounter } from '../sale/counter-fixture';
import { addToDraft, emptyDraft } from '../sale/sale-operations';
import { SessionContext, type Session } from '../session/session-context';
import { CartLines } from './CartLines';
import { Prompt } from './Prompt';
import { PromotionsPanel } from './PromotionsPanel';
import { SellScreen } from './SellScreen';
import { SELL_SHORTCUTS, shortcutText } from './ShortcutBar';

let db: TerminalDatabase;
let counter: FakeCounter;
let pricing: PricingContext;
const session: Session = {
  staff: { id: 'cashier-1', name: 'Chris', role: 'cashier' },
  requestApproval: () => Promise.resolve(undefined),
  signOut: () => undefined,
};

beforeAll(async () => {
  // Node 20 has no navigator; the screen formats money in the browser's language.
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
  db = await openCheckoutDatabase();
  counter = await startFakeCounter();
  pricing = await loadPricingContext(db, 's001');
});
afterAll(async () => {
  await db.remove();
  await counter.dispose();
});

function context(): TerminalContext {
  let n = 0;
  return {
    host: counter.bridge,
    db,
    replication: undefined,
    replay: finishedReplay({ entries: 0, restored: 2, damaged: 0 }),
    cardRecoveries: Promise.resolve([]),
    info: { terminalId: 's001-t01', storeId: 's001' },
    checkout: { newId: () => `s001-t01-01JD5ZB000AAAAAAAAAAAAA${(n += 1)}` },
  } as unknown as TerminalContext;
}

describe('SellScreen', () => {
  it('shows every action as a named button with its key, the scan field, and what the replay restored', () => {
    const html = renderToStaticMarkup(
      createElement(
        SessionContext.Provider,
        { value: session },
        createElement(SellScreen, { context: context(), pricing }),
      ),
    );
    for (const s of SELL_SHORTCUTS) expect(html).toContain(`aria-keyshortcuts="${shortcutText(s)}"`);
    expect(html).toContain('Scan or search');
    expect(html).toContain('Restored 2 sales from the journal.');
    expect(html).toContain('No items yet');
  });

  it('is only shown inside a signed-in session', () => {
    expect(() => renderToStaticMarkup(createElement(SellScreen, { context: context(), pricing }))).toThrow(
      /outside a signed-in session/,
    );
  });

  it('explains each promotion on its line and in the promotions panel', async () => {
    const tea = await findItem(db, '4006381333948');
    if (tea.kind !== 'item') throw new Error('tea not found');
    const draft = addToDraft(emptyDraft({ id: 'c', storeId: 's001', currency: 'EUR' }), {
      item: tea.item,
      newLineId: () => 'l1',
    });
    const totals = calculateCartTotals({ cart: draft.cart, ...pricing, clock: fixedClock(0) });
    const lines = renderToStaticMarkup(
      createElement(CartLines, { cart: draft.cart, totals, selected: 'l1', onSelect: () => undefined }),
    );
    expect(lines).toContain('Tea −10 %: −€0.35');
    expect(lines).toContain('aria-label="Select Tea 100 g"');
    expect(lines).toContain('aria-selected="true"');
    expect(renderToStaticMarkup(createElement(PromotionsPanel, { totals }))).toContain(
      '<strong>Tea −10 %</strong>: you save €0.35',
    );
  });

  it('labels a prompt’s field and numbers its choices', () => {
    const input = renderToStaticMarkup(
      createElement(Prompt, {
        spec: {
          kind: 'input',
          title: 'Quantity of Tea',
          label: 'Quantity',
          submit: () => Promise.resolve(undefined),
        },
        onClose: () => undefined,
      }),
    );
    expect(input).toMatch(/<label for="([^"]+)">Quantity<\/label><input id="\1"/);
    expect(input).toContain('role="dialog"');
    const choice = renderToStaticMarkup(
      createElement(Prompt, {
        spec: {
          kind: 'choice',
          title: 'Why?',
          options: [{ id: 'a', label: 'Damaged goods' }],
          choose: () => Promise.resolve(undefined),
        },
        onClose: () => undefined,
      }),
    );
    expect(choice).toContain('aria-keyshortcuts="1"');
    expect(choice).toContain('Damaged goods');
  });
});
