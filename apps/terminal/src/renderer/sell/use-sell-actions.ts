import { formatMoney, type CartItem } from '@store-os/shared';
import { useRef, useState } from 'react';
import { findItem } from '../catalog/find-item';
import { saveDocuments } from '../db/save-documents';
import { auditEvent, type AuditInput } from '../sale/audit-events';
import { addToDraft } from '../sale/sale-operations';
import type { PromptSpec } from './Prompt';
import { counterActions } from './counter-actions';
import { lineActions } from './line-actions';
import type { SellEnv, SellKit } from './sell-kit';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The cashier's actions on the sell screen, each a small flow of prompts, a manager approval where the
 * store requires one, an awaited write and a message. Rules live in sale-operations and shared.
 */
export function useSellActions(env: SellEnv) {
  const [prompt, setPrompt] = useState<PromptSpec>();
  // Each question is a fresh dialog (its own field and error line), even when it replaces another.
  const asked = useRef(new WeakMap<PromptSpec, number>());
  const count = useRef(0);
  const keyOf = (spec: PromptSpec) => {
    let key = asked.current.get(spec);
    if (key === undefined) asked.current.set(spec, (key = count.current += 1));
    return key;
  };
  const { context, policy, sale, session, say } = env;
  const fmt = (amount: number) =>
    formatMoney({ amount, currency: sale.draft.cart.currency }, { locale: navigator.language });
  const selectedLine = () =>
    sale.draft.cart.lines.find((l) => l.lineId === env.selected) ??
    sale.draft.cart.lines[sale.draft.cart.lines.length - 1];

  const audit = async (input: Omit<AuditInput, 'newId' | 'storeId' | 'terminalId' | 'at' | 'userId'>) => {
    const doc = auditEvent({
      ...input,
      newId: context.checkout.newId,
      storeId: context.info.storeId,
      terminalId: context.info.terminalId,
      at: context.checkout.now(),
      userId: session.staff.id,
    });
    await saveDocuments(context.db, context.ledger, 'store', [doc]);
  };

  /** Adds an item; a weighed item without a label weight is weighed on the scale first. */
  const addFound = async (item: CartItem, grams?: number): Promise<string | undefined> => {
    let weight = grams;
    if (item.unit === 'kg' && weight === undefined) {
      const reading = await context.host.invoke('scale.read', {});
      if (!reading.stable || reading.grams <= 0)
        return `${item.name}: the scale is not steady (or empty). Put the item on the scale and scan again.`;
      weight = reading.grams;
    }
    const refused = sale.change((d) =>
      addToDraft(d, { item, newLineId: sale.newLineId, ...(weight !== undefined ? { grams: weight } : {}) }),
    );
    if (refused) return `${item.name} not added: ${refused}`;
    say(`Added ${item.name}${weight !== undefined ? ` (${weight} g)` : ''}`);
    return undefined;
  };

  const approved = (
    title: string,
    reasons: readonly { id: string; label: string }[],
    apply: (reasonCode: string) => Promise<string | undefined>,
  ) => setPrompt({ kind: 'choice', title, options: reasons, choose: apply });

  const scan = async (code: string): Promise<void> => {
    const found = await findItem(context.db, code, policy.inStoreLayouts);
    if (found.kind === 'item') {
      const refused = await addFound(found.item, found.weightGrams);
      if (refused) say(refused);
    } else if (found.kind === 'choices') {
      setPrompt({
        kind: 'choice',
        title: `Several items match "${code.trim()}"`,
        options: found.items.map((item, i) => ({
          id: String(i),
          label: `${item.name} (${item.sku}) ${fmt(item.unitPrice)}`,
        })),
        choose: (id) => addFound(found.items[Number(id)] as CartItem),
      });
    } else say(found.message);
  };

  const kit: SellKit = { env, setPrompt, fmt, selectedLine, audit, approved, addFound };
  const { quantity, weigh, priceOverride, lineDiscount, voidLine } = lineActions(kit);
  const { voidSale, priceCheck, customer, hold, recall, noSale, giftCard, reprintLast } = counterActions(kit);

  const safely = (run: () => unknown) => () => {
    Promise.resolve()
      .then(run)
      .catch((e: unknown) => say(errorText(e)));
  };

  return {
    prompt,
    promptKey: prompt ? keyOf(prompt) : 0,
    closePrompt: (spec: PromptSpec) => setPrompt((open) => (open === spec ? undefined : open)),
    scan,
    actions: {
      quantity: safely(quantity),
      discount: safely(lineDiscount),
      override: safely(priceOverride),
      customer: safely(customer),
      hold: safely(hold),
      recall: safely(recall),
      voidLine: safely(voidLine),
      voidSale: safely(voidSale),
      priceCheck: safely(priceCheck),
      weigh: safely(weigh),
      noSale: safely(noSale),
      giftCard: safely(giftCard),
      reprint: safely(reprintLast),
    },
  };
}
