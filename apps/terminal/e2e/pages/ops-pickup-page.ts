import type { Locator } from 'playwright-core';
import { OpsPage } from './ops-page';

/** The web-order queue: notification, pick, ready, hand-over, ship. */
export class OpsPickupPage extends OpsPage {
  get notification(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'New web order' });
  }

  section(title: 'New' | 'Picking' | 'Ready'): Locator {
    return this.page.getByRole('region', { name: `${title} web orders` });
  }

  get finished(): Locator {
    return this.page.getByTestId('finished-web-order');
  }

  /** Hands a ready pickup over with its code (units per line default to everything ordered). */
  async handOverWithCode(ref: string, code: string, units: Record<string, string> = {}): Promise<string> {
    await this.button(`Hand over ${ref}`).click();
    const panel = this.page.getByRole('region', { name: `Hand over ${ref}` });
    for (const [item, n] of Object.entries(units))
      await panel.getByLabel(new RegExp(`^Units of ${item}`)).fill(n);
    await panel.getByLabel('Pickup code').fill(code);
    await panel.getByRole('button', { name: 'Confirm hand-over' }).click();
    return this.said(/collected/);
  }
}
