import type { ConsoleMessage, Locator, Page } from 'playwright-core';
import { TenderPage } from './tender-page';

/** The sell screen as a cashier uses it: by labels, roles and keys, never by CSS structure. */
export class SellPage {
  readonly consoleErrors: string[] = [];
  readonly tender: TenderPage;

  constructor(readonly page: Page) {
    this.tender = new TenderPage(page);
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

  /** The sell screen, whose `data-till` says the till's state: loading, no-shift, open or day-closed. */
  get till(): Locator {
    return this.page.locator('[data-till]');
  }

  /** The alert the sell screen shows while no shift is open at the till. */
  get noShift(): Locator {
    return this.page.getByTestId('till-no-shift');
  }

  get lines(): Locator {
    return this.page.getByTestId('cart-line');
  }

  /** The explanations of promotions under the cart lines ("Tea −10 %: −€0.35"). */
  get linePromotions(): Locator {
    return this.page.getByTestId('line-promotion');
  }

  /** The promotions panel: each promotion applied with what it saved. */
  get promotions(): Locator {
    return this.page.getByRole('region', { name: 'Promotions applied' }).getByTestId('promotion');
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

  /** The open prompt dialog of the sell screen (quantity, price, reason, reprint …). */
  get prompt(): Locator {
    return this.page.getByRole('dialog').filter({ hasNot: this.page.getByText('Manager approval') });
  }

  /** Types a code into the scan field and presses Enter, as a wedge scanner does. */
  async scan(code: string): Promise<void> {
    await this.scanInput.fill(code);
    await this.scanInput.press('Enter');
  }

  /** Selects a cart line by its item name. */
  async selectLine(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Select ${name}` }).click();
  }

  /** Runs an action by its shortcut key (e.g. `Alt+p`), as the cashier does. */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Answers the open input prompt (labelled `label`) with `value` and confirms. */
  async answer(label: string, value: string): Promise<void> {
    const field = this.prompt.getByLabel(label);
    await field.fill(value);
    await field.press('Enter');
    await this.settled(field);
  }

  /** Picks a choice in the open choice prompt by the start of its text. */
  async choose(text: string | RegExp): Promise<void> {
    const option = this.prompt.getByRole('button', { name: text }).first();
    await option.click();
    await this.settled(option);
  }

  /**
   * Waits until the question is answered: its dialog moved on (closed, or the flow asked the next
   * question), a manager is asked to approve, or the dialog says why the answer was refused.
   */
  private async settled(part: Locator): Promise<void> {
    await Promise.any([
      part.waitFor({ state: 'detached' }),
      this.page.getByRole('dialog', { name: 'Manager approval' }).waitFor(),
      this.prompt.getByRole('alert').waitFor(),
    ]);
  }

  /** Approves in the manager-approval dialog as `manager` with `pin`. */
  async approveAs(manager: string, pin: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Manager approval' });
    await dialog.getByRole('radio', { name: new RegExp(`^${manager}`) }).click();
    await dialog.getByLabel('PIN', { exact: true }).fill(pin);
    await dialog.getByLabel('PIN', { exact: true }).press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }

  /** Opens the payment (F12). */
  async openPayment(): Promise<TenderPage> {
    await this.page.keyboard.press('F12');
    try {
      await this.tender.panel.waitFor({ timeout: 15_000 });
    } catch (error) {
      // Say what the screen showed instead of a bare timeout.
      const shown = await this.page.locator('body').innerText();
      throw new Error(`${String(error)}\nThe page showed: ${shown}`, { cause: error });
    }
    return this.tender;
  }

  /** Waits until the sale is written (or refused) and the delivery steps reported. */
  async waitForCompletion(): Promise<void> {
    await this.message.filter({ hasText: /Sale complete|not completed/ }).waitFor({ timeout: 30_000 });
    await this.message
      .filter({ hasNot: this.page.getByText(/printing…|Printing/) })
      .waitFor({ timeout: 30_000 });
  }

  /** Takes exact cash: F12 to pay, F11 for the exact amount. */
  async payCashExact(): Promise<void> {
    await this.openPayment();
    await this.page.keyboard.press('F11');
    await this.message.filter({ hasText: /Sale complete|not completed/ }).waitFor({ timeout: 30_000 });
  }
}
