import type { Locator, Page } from 'playwright-core';

/** The first-run enrollment form and the PIN login, as staff use them: by labels and roles. */
export class LoginPage {
  constructor(readonly page: Page) {}

  get serverUrl(): Locator {
    return this.page.getByLabel('Sync-server address');
  }

  get enrollmentCode(): Locator {
    return this.page.getByLabel('Enrollment code');
  }

  get pin(): Locator {
    return this.page.getByLabel('PIN', { exact: true });
  }

  /** The login's and the enrollment's feedback line (wrong PIN, locked, refused code). */
  get message(): Locator {
    return this.page.getByTestId('login-message');
  }

  /** The person to sign in as, from the list of the store's staff. */
  person(name: string): Locator {
    return this.page.getByRole('radio', { name: new RegExp(`^${name}`) });
  }

  /** Enrolls through the first-run screen; the page reloads into the login once the host holds the credential. */
  async enroll(serverUrl: string, code: string): Promise<void> {
    await this.serverUrl.fill(serverUrl);
    await this.enrollmentCode.fill(code);
    await this.page.getByRole('button', { name: 'Enroll this terminal' }).click();
  }

  /** Chooses the person, types the PIN and presses Enter. */
  async signIn(name: string, pin: string): Promise<void> {
    await this.person(name).click({ timeout: 30_000 });
    await this.pin.fill(pin);
    await this.pin.press('Enter');
  }
}
