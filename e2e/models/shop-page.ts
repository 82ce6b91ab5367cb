import type { Locator, Page } from '@playwright/test';

/** What every shop page has: the main navigation and its cart link. */
export class ShopPage {
  constructor(readonly page: Page) {}

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  get cartLink(): Locator {
    return this.navigation.getByRole('link', { name: /^Cart/ });
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }
}
