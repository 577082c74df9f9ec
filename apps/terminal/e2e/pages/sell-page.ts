import type { ConsoleMessage, Locator, Page } from 'playwright-core';

/** The sell screen as a cashier uses it: by labels, roles and keys, never by CSS structure. */
export class SellPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(e.message));
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await this.scanInput.waitFor();
  }

  get scanInput(): Locator {
    return this.page.getByLabel('Scan or search');
  }

  get message(): Locator {
    return this.page.getByTestId('message');
  }

  get lines(): Locator {
    return this.page.getByTestId('cart-line');
  }

  get total(): Locator {
    return this.page.getByTestId('total');
  }

  get connection(): Locator {
    return this.page.getByRole('status', { name: 'Connection' });
  }

  get waiting(): Locator {
    return this.page.getByRole('status', { name: 'Documents waiting' });
  }

  /** Types a code into the scan field and presses Enter, as a wedge scanner does. */
  async scan(code: string): Promise<void> {
    await this.scanInput.fill(code);
    await this.scanInput.press('Enter');
  }

  /** Takes exact cash with F12. */
  async payCashExact(): Promise<void> {
    await this.page.keyboard.press('F12');
    await this.message.filter({ hasText: /Sale complete|not completed/ }).waitFor();
  }
}
