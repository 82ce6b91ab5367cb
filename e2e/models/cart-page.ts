import type { Locator } from '@playwright/test';
import { ShopPage } from './shop-page.js';

export class CartPage extends ShopPage {
  async goto(): Promise<void> {
    await this.page.goto('/cart');
  }

  get lines(): Locator {
    return this.page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem');
  }

  line(name: string): Locator {
    return this.lines.filter({ has: this.page.getByRole('heading', { name }) });
  }

  quantity(name: string): Locator {
    return this.page.getByLabel(`Quantity of ${name}`);
  }

  async setQuantity(name: string, quantity: number): Promise<void> {
    const input = this.quantity(name);
    await input.fill(String(quantity));
    await input.press('Tab');
  }

  async remove(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${name}` }).click();
  }

  get subtotal(): Locator {
    return this.page.getByRole('definition').filter({ hasText: '€' });
  }

  get emptyMessage(): Locator {
    return this.page.getByText('Your cart is empty.');
  }

  async proceedToCheckout(): Promise<void> {
    await this.page.getByRole('link', { name: 'Go to checkout' }).click();
  }
}
