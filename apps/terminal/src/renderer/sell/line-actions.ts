import { parseMoney } from '@store-os/shared';
import {
  discountDraftLine,
  overrideDraftPrice,
  removeFromDraft,
  setDraftQuantity,
} from '../sale/sale-operations';
import { parseDiscount, parseQuantity, REASONS } from './line-input';
import type { SellKit } from './sell-kit';

/** Actions on the selected line: quantity, weight, price override, discount, void (with a reason). */
export function lineActions(kit: SellKit) {
  const { env, setPrompt, fmt, selectedLine, audit, approved } = kit;
  const { context, sale, session, say } = env;
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

  return { quantity, weigh, priceOverride, lineDiscount, voidLine };
}
