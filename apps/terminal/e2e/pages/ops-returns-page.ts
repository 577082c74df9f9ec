import type { Locator } from 'playwright-core';
import { OpsPage } from './ops-page';

/** The returns screen: find the original, choose lines, exchange items, review, complete. */
export class OpsReturnsPage extends OpsPage {
  /** Opens the screen from the navigation (its F13 key lives on programmable POS keyboards). */
  async openFromNavigation(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /^Returns/ })
      .click();
    await this.page.getByRole('heading', { name: 'Returns and exchanges' }).waitFor();
  }

  /** Looks the order up until replication has brought it (a web order arrives through the server). */
  async find(query: string, timeout = 20_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.field('Receipt, order number, web order or customer').fill(query);
      await this.button('Find order').click();
      const text = await this.said(/found|No order|need|Offline|not|server/);
      if (/found in this store/.test(text)) return;
      if (Date.now() > deadline) throw new Error(`order ${query} never found: ${text}`);
      await this.page.waitForTimeout(500);
    }
  }

  async returnUnits(item: string, units: number, writeOffReason?: string): Promise<void> {
    await this.field(`Return units of ${item}`).fill(String(units));
    if (writeOffReason !== undefined) {
      await this.page.getByLabel(`Restock ${item}`).uncheck();
      await this.field(`Write-off reason for ${item}`).fill(writeOffReason);
    }
  }

  async addExchangeItem(code: string): Promise<void> {
    await this.field('Scan an exchange item').fill(code);
    await this.button('Add exchange item').click();
    await this.said(/Added .* to the exchange/);
  }

  get summary(): Locator {
    return this.page.getByTestId('return-summary');
  }
}
