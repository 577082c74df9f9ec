import type { Locator, Page } from 'playwright-core';

/** The store-operations screens as staff use them: by shortcut keys, labels and roles. */
export class OpsPage {
  constructor(readonly page: Page) {}

  /** Opens a screen by its shortcut key (F3 web orders, F4 returns, F10 shift). */
  async open(shortcut: string, heading: string): Promise<void> {
    await this.page.keyboard.press(shortcut);
    await this.page.getByRole('heading', { name: heading }).first().waitFor();
  }

  get message(): Locator {
    return this.page.getByTestId('ops-message');
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label, { exact: typeof label === 'string' });
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Answers the manager-approval dialog with the manager's PIN. */
  async approveAs(managerName: string, pin: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Manager approval' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: new RegExp(`^${managerName}`) }).click();
    const pinField = dialog.getByLabel('PIN', { exact: true });
    await pinField.fill(pin);
    await pinField.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }

  /** Waits until the status line says something matching `text`, and returns it. */
  async said(text: RegExp, timeout = 15_000): Promise<string> {
    try {
      await this.message.filter({ hasText: text }).waitFor({ timeout });
    } catch (error) {
      const shown = (await this.message.textContent().catch(() => '')) ?? '';
      throw new Error(`the status line never said ${String(text)}; it says: "${shown}"`, { cause: error });
    }
    return (await this.message.textContent()) ?? '';
  }
}
