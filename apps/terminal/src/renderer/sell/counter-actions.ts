import { parseMoney, type CartTotals } from '@store-os/shared';
import { findItem } from '../catalog/find-item';
import { findCustomers } from '../customer/find-customer';
import { lastSales } from '../sale/last-sales';
import { addGiftCardLoad, attachCustomer, renewDraftId } from '../sale/sale-operations';
import { giftCardLoadKind, normalizeCardNumber } from '../tender/gift-card';
import { REASONS } from './line-input';
import { holdStoreFor, type SellKit } from './sell-kit';

/** Actions on the whole sale and the counter: void sale, price check, customer, hold/recall, no sale, gift card, reprint. */
export function counterActions(kit: SellKit) {
  const { env, setPrompt, fmt, audit, approved } = kit;
  const { context, policy, sale, session, say } = env;
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

  return { voidSale, priceCheck, customer, hold, recall, noSale, giftCard, reprintLast };
}
