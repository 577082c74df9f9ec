import { formatMoney, parseMoney, type CartItem, type CartTotals, type OrderDoc } from '@store-os/shared';
import { useRef, useState } from 'react';
import type { TerminalContext } from '../app/start-terminal';
import { findItem } from '../catalog/find-item';
import { findCustomers } from '../customer/find-customer';
import { saveDocuments } from '../db/save-documents';
import { auditEvent, type AuditInput } from '../sale/audit-events';
import { HoldStore } from '../sale/hold-store';
import { lastSales } from '../sale/last-sales';
import {
  addGiftCardLoad,
  addToDraft,
  attachCustomer,
  discountDraftLine,
  overrideDraftPrice,
  removeFromDraft,
  renewDraftId,
  setDraftQuantity,
} from '../sale/sale-operations';
import type { StorePolicy } from '../sale/store-policy';
import type { Session } from '../session/session-context';
import { giftCardLoadKind, normalizeCardNumber } from '../tender/gift-card';
import { parseDiscount, parseQuantity, REASONS } from './line-input';
import type { PromptSpec } from './Prompt';
import type { useSale } from './use-sale';

type Sale = ReturnType<typeof useSale>;
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** What the sell screen's actions work with. */
export interface SellEnv {
  readonly context: TerminalContext;
  readonly policy: StorePolicy;
  readonly sale: Sale;
  readonly session: Session;
  readonly selected: string | undefined;
  readonly say: (message: string) => void;
  readonly reprint: (order: OrderDoc) => Promise<void>;
}

/** The hold store of this terminal in the browser's local storage (survives reloads and restarts). */
export function holdStoreFor(context: TerminalContext): HoldStore {
  return new HoldStore(
    localStorage,
    `store-os.held-sales.${context.info.storeId}.${context.info.terminalId}`,
  );
}

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

  const quantity = () => {
    const line = selectedLine();
    if (!line) return say('Select a line first.');
    setPrompt({
      kind: 'input',
      title: `Quantity of ${line.name}`,
      label: line.unit === 'kg' ? 'Weight in grams' : 'Quantity',
      numeric: true,
      initial: String(line.quantity),
      submit: (text) =>
        Promise.resolve(sale.change((d) => setDraftQuantity(d, line.lineId, parseQuantity(text)))),
    });
  };

  const weigh = async () => {
    const line = selectedLine();
    if (!line || line.unit !== 'kg') return say('Select a weighed line to weigh it again.');
    const reading = await context.host.invoke('scale.read', {});
    if (!reading.stable) return say('The scale is not steady: wait and weigh again.');
    const refused = sale.change((d) => setDraftQuantity(d, line.lineId, reading.grams));
    say(refused ?? `${line.name}: ${reading.grams} g`);
  };

  /** Asks for the reason, then a manager, then applies the change with the approval recorded. */
  const approved = (
    title: string,
    reasons: readonly { id: string; label: string }[],
    apply: (reasonCode: string) => Promise<string | undefined>,
  ) => setPrompt({ kind: 'choice', title, options: reasons, choose: apply });

  const priceOverride = () => {
    const line = selectedLine();
    if (!line) return say('Select a line first.');
    setPrompt({
      kind: 'input',
      title: `New price for ${line.name}`,
      label: 'Unit price',
      numeric: true,
      hint: `Now ${fmt(line.priceOverride?.unitPrice ?? line.unitPrice)}. A manager approves the change.`,
      submit: (text) => {
        const unitPrice = parseMoney(text, sale.draft.cart.currency).amount;
        approved(`Why is the price of ${line.name} changed?`, REASONS.override, async (reasonCode) => {
          const approval = await session.requestApproval(
            `Price override ${fmt(line.priceOverride?.unitPrice ?? line.unitPrice)} → ${fmt(unitPrice)} on ${line.name} (${reasonCode})`,
          );
          if (!approval) return 'Not approved: the price is unchanged.';
          const refused = sale.change((d) =>
            overrideDraftPrice(d, { lineId: line.lineId, unitPrice, reasonCode, approval }),
          );
          say(refused ?? `${line.name} now ${fmt(unitPrice)}, approved by ${approval.managerName}.`);
          return refused;
        });
        return Promise.resolve(undefined);
      },
    });
  };

  const lineDiscount = () => {
    const line = selectedLine();
    if (!line) return say('Select a line first.');
    setPrompt({
      kind: 'input',
      title: `Discount on ${line.name}`,
      label: 'Discount (amount, or percent with %)',
      submit: (text) => {
        approved(`Why is ${line.name} discounted?`, REASONS.discount, async (reasonCode) => {
          const discount = parseDiscount(text, sale.draft.cart.currency, reasonCode);
          const approval = await session.requestApproval(
            `Discount ${text.trim()} on ${line.name} (${reasonCode})`,
          );
          if (!approval) return 'Not approved: no discount given.';
          const refused = sale.change((d) =>
            discountDraftLine(d, { lineId: line.lineId, discount, approval }),
          );
          say(refused ?? `Discount on ${line.name} approved by ${approval.managerName}.`);
          return refused;
        });
        return Promise.resolve(undefined);
      },
    });
  };

  const voidLine = () => {
    const line = selectedLine();
    if (!line) return say('There is no line to void.');
    approved(`Why is ${line.name} voided?`, REASONS.void, async (reason) => {
      const refused = sale.change((d) => removeFromDraft(d, line.lineId));
      if (refused) return refused;
      await audit({
        kind: 'line-void',
        ref: { kind: 'cart', id: sale.draft.cart.id, lineId: line.lineId },
        details: { sku: line.sku, name: line.name, quantity: line.quantity, reason },
      });
      say(`Voided ${line.name} (${reason}).`);
      return undefined;
    });
  };

  const voidSale = () => {
    if (sale.draft.cart.lines.length === 0) return say('There is no sale to void.');
    approved('Why is the whole sale voided?', REASONS.void, async (reason) => {
      const totals: CartTotals = sale.totals;
      await audit({
        kind: 'sale-void',
        ref: { kind: 'cart', id: sale.draft.cart.id },
        details: {
          lines: sale.draft.cart.lines.length,
          total: totals.total.amount,
          currency: totals.currency,
          reason,
        },
      });
      sale.clear();
      say(`Sale voided (${reason}).`);
      return undefined;
    });
  };

  const priceCheck = () =>
    setPrompt({
      kind: 'input',
      title: 'Price check',
      label: 'Scan or type the item',
      hint: 'Nothing is added to the sale.',
      submit: async (code) => {
        const found = await findItem(context.db, code, policy.inStoreLayouts);
        if (found.kind === 'item')
          say(
            `Price check: ${found.item.name} ${fmt(found.item.unitPrice)}${found.item.unit === 'kg' ? ' per kg' : ''}`,
          );
        else if (found.kind === 'choices')
          say(`Price check: ${found.items.map((i) => `${i.name} ${fmt(i.unitPrice)}`).join('; ')}`);
        else return found.message;
        return undefined;
      },
    });

  const customer = () =>
    setPrompt({
      kind: 'input',
      title: 'Customer',
      label: 'Phone, e-mail or loyalty card',
      hint: sale.draft.customerName ? `Now: ${sale.draft.customerName}. Submit empty to detach.` : undefined,
      submit: async (text) => {
        if (text.trim() === '') {
          sale.change((d) => attachCustomer(d, undefined));
          say('Customer detached.');
          return undefined;
        }
        const found = await findCustomers(context.db, text);
        if (found.length === 0) return `No customer matches "${text.trim()}" here.`;
        const attach = (i: number) => {
          const chosen = found[i];
          if (!chosen) return 'Choose one of the customers listed.';
          const refused = sale.change((d) => attachCustomer(d, chosen));
          say(refused ?? `Customer: ${chosen.displayName}`);
          return refused;
        };
        if (found.length === 1) return attach(0);
        setPrompt({
          kind: 'choice',
          title: 'Which customer?',
          options: found.map((c, i) => ({
            id: String(i),
            label: `${c.displayName} ${c.doc.phone ?? c.doc.email ?? ''}`,
          })),
          choose: (id) => Promise.resolve(attach(Number(id))),
        });
        return undefined;
      },
    });

  const hold = async () => {
    if (sale.draft.cart.lines.length === 0) return say('There is nothing to hold.');
    await holdStoreFor(context).hold({
      id: sale.draft.cart.id,
      heldAt: context.checkout.now().toISOString(),
      label: `${sale.draft.cart.lines.length} lines, ${fmt(sale.totals.total.amount)}${sale.draft.customerName ? `, ${sale.draft.customerName}` : ''}`,
      total: sale.totals.total,
      draft: sale.draft,
    });
    sale.clear();
    say('Sale held. Recall it with Alt+R.');
  };

  const recall = async () => {
    if (sale.draft.cart.lines.length > 0)
      return say('Finish or hold the current sale before recalling another.');
    const held = await holdStoreFor(context).list();
    if (held.length === 0) return say('No sales are held on this terminal.');
    setPrompt({
      kind: 'choice',
      title: 'Recall a held sale',
      options: held.map((h) => ({ id: h.id, label: `${h.heldAt.slice(11, 16)} ${h.label}` })),
      choose: async (id) => {
        const back = await holdStoreFor(context).recall(id);
        const refused = sale.replace(renewDraftId(back.draft, back.draft.cart.id));
        say(refused ?? `Recalled: ${back.label}`);
        return refused;
      },
    });
  };

  const noSale = async () => {
    const approval = policy.noSaleNeedsApproval
      ? await session.requestApproval('Open the drawer without a sale')
      : undefined;
    if (policy.noSaleNeedsApproval && !approval) return say('No-sale not approved: the drawer stays closed.');
    await audit({
      kind: 'no-sale',
      ...(approval ? { approvedBy: approval.managerId } : {}),
      details: { reason: 'no-sale' },
    });
    const opened = await context.host.invoke('drawer.open', { reason: 'no-sale' });
    say(
      opened.opened
        ? 'Drawer open (no sale, audited).'
        : `Drawer did not open: ${opened.detail ?? 'no answer'}`,
    );
  };

  const giftCard = () =>
    setPrompt({
      kind: 'input',
      title: 'Sell or top up a gift card',
      label: 'Gift card number',
      submit: async (text) => {
        const accountId = normalizeCardNumber(text);
        const entryKind = await giftCardLoadKind(context.db, accountId);
        setPrompt({
          kind: 'input',
          title: `${entryKind === 'activate' ? 'New gift card' : 'Top up gift card'} …${accountId.slice(-4)}`,
          label: 'Amount to load',
          numeric: true,
          submit: (amountText) => {
            const amount = parseMoney(amountText, sale.draft.cart.currency).amount;
            const refused = sale.change((d) =>
              addGiftCardLoad(d, { load: { accountId, entryKind }, amount, newLineId: sale.newLineId }),
            );
            if (!refused) say(`Gift card …${accountId.slice(-4)}: ${fmt(amount)} on the sale.`);
            return Promise.resolve(refused);
          },
        });
        return undefined;
      },
    });

  const reprintLast = async () => {
    const sales = await lastSales(context.db, context.info.terminalId);
    if (sales.length === 0) return say('No sales on this terminal yet.');
    setPrompt({
      kind: 'choice',
      title: 'Reprint a receipt',
      options: sales.map((o) => ({
        id: o.id,
        label: `${o.createdAt.slice(11, 19)} ${fmt(o.totals.total.amount)} (${o.lines.length} lines)`,
      })),
      choose: async (id) => {
        const order = sales.find((o) => o.id === id);
        if (order) await env.reprint(order);
        return undefined;
      },
    });
  };

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
