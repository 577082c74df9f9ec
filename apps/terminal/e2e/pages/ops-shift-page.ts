import type { Locator } from 'playwright-core';
import { OpsPage } from './ops-page';

/** The shift screen: open, cash movements, X report, counted close. */
export class OpsShiftPage extends OpsPage {
  get tillState(): Locator {
    return this.page.getByTestId('till-state');
  }

  async openShift(float: string): Promise<void> {
    await this.field('Opening float').fill(float);
    await this.button('Open shift').click();
    await this.said(/Shift opened/);
  }

  async cashMovement(
    kind: 'Cash in' | 'Cash out' | 'Safe drop',
    amount: string,
    reason: string,
  ): Promise<void> {
    await this.field(/^Movement/).selectOption({ label: kind });
    await this.field('Amount').fill(amount);
    await this.field('Reason').fill(reason);
    await this.button('Record movement').click();
    await this.said(new RegExp(`${kind} of .* recorded`));
  }

  /** Types the count of each denomination, by its label ("€20.00": 2). */
  async count(counts: Record<string, number>): Promise<void> {
    for (const [denomination, n] of Object.entries(counts))
      await this.field(`Count of ${denomination}`).fill(String(n));
    await this.button('Review count').click();
  }

  variance(tender: string): Locator {
    return this.page.getByTestId(`variance-${tender}`);
  }
}
