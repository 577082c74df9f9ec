import { parseMoney, type Money } from '@store-os/shared';

/** A typed amount as money, or the reason it is not one (the domain's message, for the status line). */
export function readAmount(
  text: string,
  currency: string,
  options: { allowZero?: boolean } = {},
): { ok: true; money: Money } | { ok: false; message: string } {
  try {
    const money = parseMoney(text, currency);
    if (money.amount < 0 || (money.amount === 0 && !options.allowZero))
      return { ok: false, message: `Enter an amount above zero, got "${text}".` };
    return { ok: true, money };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A whole count typed in a field ("" is 0), or undefined when it is not one. */
export function readCount(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return 0;
  return /^[0-9]{1,6}$/.test(t) ? Number(t) : undefined;
}
