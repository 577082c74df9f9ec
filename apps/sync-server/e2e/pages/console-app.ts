// Page object for the HQ console: sign-in, navigation, and what each page shows.
import type { Locator, Page } from 'playwright-core';
import type { Credential } from '../console-fixture';

export class ConsoleApp {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(path = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/_hq/${path}`);
  }

  /** Signs in through the form (the server sets the `_session` cookie). */
  async signIn(who: Credential, path = ''): Promise<void> {
    await this.page.context().clearCookies();
    await this.open(path);
    await this.page.getByLabel('User name').fill(who.name);
    await this.page.getByLabel('Password').fill(who.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('navigation', { name: 'Console pages' }).waitFor();
  }

  /** The names of the pages offered in the navigation. */
  async navItems(): Promise<string[]> {
    const links = this.page.getByRole('navigation', { name: 'Console pages' }).getByRole('link');
    return links.allInnerTexts();
  }

  async goTo(title: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Console pages' })
      .getByRole('link', { name: title })
      .click();
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  table(name: string): Locator {
    return this.page.getByRole('table', { name, exact: true });
  }

  /** `data-amount` (minor units) of the cell in `column` (0-based) of the row whose header is `rowKey`. */
  async amountIn(table: string, rowKey: string, column: number): Promise<number> {
    const row = this.table(table)
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: rowKey, exact: true }) });
    const cell = row.getByRole('cell').nth(column);
    return Number(await cell.getAttribute('data-amount'));
  }

  async rowKeys(table: string): Promise<string[]> {
    return this.table(table).getByRole('rowheader').allInnerTexts();
  }
}
