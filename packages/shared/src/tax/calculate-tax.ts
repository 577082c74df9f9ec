import type { Money, Percent, Ratio } from '../money';
import { addRatios, allocate, divideRounded, percentToRatio } from '../money';
import type { TaxRate } from './tax-table';
import type { TaxRegime } from './tax-regime';

/** One taxable amount: a cart line after every discount, with the rates that apply to it. */
export interface TaxInputLine {
  readonly lineId: string;
  /** Minor units as charged: gross when the regime includes tax, net otherwise. Negative for returns. */
  readonly amount: number;
  readonly rates: readonly TaxRate[];
}

/** Everything `calculateTax` needs: one currency, one regime, the lines. */
export interface TaxInput {
  readonly currency: string;
  readonly regime: TaxRegime;
  readonly lines: readonly TaxInputLine[];
}

/** One line's tax, split by rate. */
export interface LineTax {
  readonly lineId: string;
  readonly net: number;
  readonly tax: number;
  readonly gross: number;
  readonly byRate: readonly { readonly rateId: string; readonly tax: number }[];
}

/** One row of the receipt's / close's tax summary. `taxable + tax = gross`. */
export interface TaxBreakdownRow {
  readonly rateId: string;
  readonly name: string;
  readonly percent: Percent;
  /** The base the rate was charged on (a line with two rates counts in both rows). */
  readonly taxable: Money;
  readonly tax: Money;
  readonly gross: Money;
}

/** Tax for a document: per line, per rate (summing exactly to `tax`), and totals. */
export interface TaxResult {
  readonly lines: readonly LineTax[];
  readonly breakdown: readonly TaxBreakdownRow[];
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
}

const ratios = new Map<string, Ratio>();
function ratioOf(percent: Percent): Ratio {
  let r = ratios.get(percent);
  if (!r) {
    r = percentToRatio(percent);
    ratios.set(percent, r);
  }
  return r;
}

/**
 * The exact tax of `amount` at the combined rate, as a fraction `numerator / denominator`:
 * `amount × R` when exclusive, `amount × R / (1 + R)` when inclusive.
 */
function exactTax(amount: number, rates: readonly TaxRate[], inclusive: boolean): [bigint, bigint] {
  const total = addRatios(rates.map((r) => ratioOf(r.percent)));
  const n = BigInt(total.numerator);
  const d = BigInt(total.denominator);
  return inclusive ? [BigInt(amount) * n, d + n] : [BigInt(amount) * n, d];
}

/** Splits one line's (or group's) tax among its rates in proportion to the rates. */
function splitByRate(currency: string, tax: number, rates: readonly TaxRate[]): number[] {
  if (rates.length === 1) return [tax];
  const common = rates.map((r) => ratioOf(r.percent));
  const lcm = common.reduce((acc, r) => (acc * r.denominator) / gcd(acc, r.denominator), 1);
  const weights = common.map((r) => (r.numerator * lcm) / r.denominator);
  if (weights.every((w) => w === 0)) return rates.map(() => 0);
  return allocate({ amount: tax, currency }, weights).map((m) => m.amount);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Tax per line and per rate. Line rounding rounds each line's tax; document rounding rounds once
 * per set of rates over the sum of its lines and then spreads the difference from the line-rounded
 * taxes over the lines (largest remainder), so every line still carries its tax for returns.
 * Either way the breakdown sums exactly to the total tax.
 */
export function calculateTax(input: TaxInput): TaxResult {
  const { regime, currency } = input;
  const inclusive = regime.pricesIncludeTax;
  const lineTax = input.lines.map((line) => {
    if (line.rates.length === 0) return 0;
    const [n, d] = exactTax(line.amount, line.rates, inclusive);
    return Number(divideRounded(n, d, regime.mode));
  });

  if (regime.rounding === 'document') {
    const groups = new Map<string, number[]>();
    input.lines.forEach((line, index) => {
      if (line.rates.length === 0) return;
      const key = line.rates.map((r) => `${r.id}:${r.percent}`).join('|');
      const members = groups.get(key);
      if (members) members.push(index);
      else groups.set(key, [index]);
    });
    for (const members of groups.values()) {
      const rates = input.lines[members[0] ?? 0]?.rates ?? [];
      const base = members.reduce((acc, i) => acc + (input.lines[i]?.amount ?? 0), 0);
      const [n, d] = exactTax(base, rates, inclusive);
      const groupTax = Number(divideRounded(n, d, regime.mode));
      const lineSum = members.reduce((acc, i) => acc + (lineTax[i] ?? 0), 0);
      const weights = members.map((i) => Math.abs(input.lines[i]?.amount ?? 0));
      if (groupTax !== lineSum && weights.some((w) => w > 0)) {
        const shares = allocate({ amount: groupTax - lineSum, currency }, weights);
        members.forEach((i, k) => {
          lineTax[i] = (lineTax[i] ?? 0) + (shares[k]?.amount ?? 0);
        });
      }
    }
  }

  const rows = new Map<string, { rate: TaxRate; taxable: number; tax: number }>();
  const lines: LineTax[] = input.lines.map((line, index) => {
    const tax = lineTax[index] ?? 0;
    const net = inclusive ? line.amount - tax : line.amount;
    const perRate = splitByRate(currency, tax, line.rates);
    const byRate = line.rates.map((rate, k) => {
      const rateTax = perRate[k] ?? 0;
      const row = rows.get(rate.id) ?? { rate, taxable: 0, tax: 0 };
      row.taxable += net;
      row.tax += rateTax;
      rows.set(rate.id, row);
      return { rateId: rate.id, tax: rateTax };
    });
    return { lineId: line.lineId, net, tax, gross: net + tax, byRate };
  });

  const m = (amount: number): Money => ({ amount: amount + 0, currency });
  const breakdown = [...rows.values()]
    .sort((a, b) => (a.rate.id < b.rate.id ? -1 : a.rate.id > b.rate.id ? 1 : 0))
    .map((row) => ({
      rateId: row.rate.id,
      name: row.rate.name,
      percent: row.rate.percent,
      taxable: m(row.taxable),
      tax: m(row.tax),
      gross: m(row.taxable + row.tax),
    }));
  const net = lines.reduce((acc, l) => acc + l.net, 0);
  const tax = lines.reduce((acc, l) => acc + l.tax, 0);
  return { lines, breakdown, net: m(net), tax: m(tax), gross: m(net + tax) };
}
