import { expect, type Locator } from '@playwright/test';
import { ShopPage } from './shop-page.js';

export class ConfirmationPage extends ShopPage {
  /** Waits for the paid order and answers the backend's order id. */
  async waitForOrder(): Promise<string> {
    await expect(this.page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
    await expect(this.heading).toHaveText('Thank you for your order');
    await expect(this.orderNumber).toHaveText(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    return (await this.orderNumber.getAttribute('data-order-id'))!;
  }

  /** The human order reference ("7ZD8R-1GYQ2"); the backend's order id is its `data-order-id`. */
  get orderNumber(): Locator {
    return this.page.getByText(/^Order number:/).getByRole('strong');
  }

  get summary(): Locator {
    return this.page.getByRole('table', { name: 'Order summary' });
  }

  get totalPaid(): Locator {
    return this.summary.getByRole('row', { name: /Total paid/ }).getByRole('cell').last();
  }

  sessionIdFromUrl(): string {
    return new URL(this.page.url()).searchParams.get('session') ?? '';
  }
}
