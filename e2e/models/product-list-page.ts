import type { Locator } from '@playwright/test';
import { ShopPage } from './shop-page.js';

export class ProductListPage extends ShopPage {
  async goto(): Promise<void> {
    await this.page.goto('/');
    await this.products.first().waitFor();
  }

  get products(): Locator {
    return this.page.getByRole('list', { name: 'Products' }).getByRole('article');
  }

  product(name: string): Locator {
    return this.page.getByRole('article', { name });
  }

  /** Adds a product `times` times with its "Add … to cart" button. */
  async add(name: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.getByRole('button', { name: `Add ${name} to cart` }).click();
    }
  }
}
