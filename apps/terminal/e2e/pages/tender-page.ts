import type { Locator, Page } from 'playwright-core';

/** The payment panel as a cashier uses it: an amount, then the key or button of the way to pay. */
export class TenderPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Payment' });
  }

  get amount(): Locator {
    return this.panel.getByLabel('Amount');
  }

  get remaining(): Locator {
    return this.panel.getByTestId('tender-remaining');
  }

  get message(): Locator {
    return this.panel.getByTestId('tender-message');
  }

  get tenders(): Locator {
    return this.panel.getByTestId('tender');
  }

  get failedCards(): Locator {
    return this.panel.getByTestId('failed-card');
  }

  /** Types the amount (e.g. "10.00") and pays it by cash (F5). */
  async cash(amount: string): Promise<void> {
    await this.amount.fill(amount);
    await this.page.keyboard.press('F5');
  }

  /** Types the amount and sends it to the card terminal (F6). */
  async card(amount: string): Promise<void> {
    await this.amount.fill(amount);
    await this.page.keyboard.press('F6');
  }

  /** The rest in cash, exactly (F11). */
  async exactCash(): Promise<void> {
    await this.page.keyboard.press('F11');
  }
}
