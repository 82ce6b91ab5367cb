import { expect, type Locator, type Response } from '@playwright/test';
import type { TenderTranslation } from '../../packages/elements/src/i18n/tenders/index.js';
import tendersEn from '../../packages/elements/src/i18n/tenders/en.js';
import { ShopPage } from './shop-page.js';

export interface GuestDetails {
  readonly email: string;
  readonly name: string;
  readonly line1: string;
  readonly city: string;
  readonly postalCode: string;
  /** Country as the shopper sees it in the list, e.g. "Germany". */
  readonly country: string;
}

export const GUEST: GuestDetails = {
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  line1: 'Unter den Linden 1',
  city: 'Berlin',
  postalCode: '10117',
  country: 'Germany',
};

export interface CheckoutStart {
  readonly clientSecret: string;
  readonly publishableKey: string;
  readonly apiBase: string;
  readonly sessionId?: string;
}

/** The checkout page with <omni-checkout> in it, found by role and label as a shopper would. */
export class CheckoutPage extends ShopPage {
  /** What the shop's server answered to POST /api/checkout (kept on the test side only). */
  start: CheckoutStart | null = null;

  /** Opens the checkout and waits for the payment form. */
  async goto(): Promise<void> {
    const started = this.page.waitForResponse((r: Response) => r.url().endsWith('/api/checkout') && r.request().method() === 'POST');
    await this.page.goto('/checkout');
    const response = await started;
    expect(response.status(), 'POST /api/checkout').toBe(201);
    this.start = (await response.json()) as CheckoutStart;
    await expect(this.email).toBeVisible({ timeout: 20_000 });
  }

  get sessionId(): string {
    if (!this.start) throw new Error('The checkout has not started');
    return this.start.sessionId ?? this.start.clientSecret.slice(0, this.start.clientSecret.indexOf('_secret_'));
  }

  get email(): Locator {
    return this.page.getByLabel('Email', { exact: true });
  }
  get fullName(): Locator {
    return this.page.getByLabel('Full name');
  }
  get addressLine1(): Locator {
    return this.page.getByLabel(/^(street )?address( line 1)?$/i);
  }
  get city(): Locator {
    return this.page.getByLabel('City');
  }
  get postalCode(): Locator {
    return this.page.getByLabel('Postal code');
  }
  get country(): Locator {
    return this.page.getByLabel('Country');
  }
  shippingOption(label: string | RegExp): Locator {
    return this.page.getByRole('radio', { name: label });
  }
  get cardNumber(): Locator {
    return this.page.getByLabel('Card number');
  }
  get expiry(): Locator {
    return this.page.getByLabel(/^Expiry( date)?/);
  }
  get securityCode(): Locator {
    return this.page.getByLabel(/^Security code/);
  }
  /** The checkout's pay button ("Pay €53.90"), not a wallet's ("Pay with Google Pay", PayPal's "Pay Later") nor the handoff's ("Pay on your phone"). */
  get payButton(): Locator {
    return this.page.getByRole('button', { name: /^Pay\b(?! with | Later\b| on your phone\b)/ });
  }
  /** PayPal's buttons (PayPal, Pay Later, Venmo), rendered by PayPal's SDK in the payment section. */
  paypalButton(name: 'PayPal' | 'Pay Later' | 'Venmo'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
  /** The disclosure that opens the gift card field, in the checkout's language (`t`). */
  addGiftCardButton(t: TenderTranslation = tendersEn): Locator {
    return this.page.getByRole('button', { name: t.add, exact: true });
  }
  /** Opens the gift card field, types the code and applies it (docs/payment-methods.md), in the checkout's language (`t`). */
  async applyGiftCard(code: string, t: TenderTranslation = tendersEn): Promise<void> {
    await this.addGiftCardButton(t).click();
    await this.page.getByLabel(t.codeLabel, { exact: true }).fill(code);
    await this.page.getByRole('button', { name: t.apply, exact: true }).click();
  }
  /** The pay button when gift cards or store credit pay the whole order ("Place order (€53.90)"). */
  get placeOrderButton(): Locator {
    return this.page.getByRole('button', { name: /^Place order \(/ });
  }
  /** The summary's row of what is left to pay after gift cards and store credit. */
  get amountDue(): Locator {
    return this.page.locator('omni-checkout [part~="amount-due"] dd');
  }
  get paymentSection(): Locator {
    return this.page.getByRole('group', { name: 'Payment' });
  }
  /** One way to pay in the payment section's method list ("Card", "PayPal", …). */
  paymentMethod(name: string): Locator {
    return this.page.getByRole('radiogroup', { name: 'Payment method' }).getByRole('radio', { name, exact: true });
  }
  /** Chooses a way to pay: only its part shows (PayPal: its buttons; Card: the card fields and the pay button). */
  async choosePaymentMethod(name: string): Promise<void> {
    await this.scrollToPayment();
    await this.paymentMethod(name).check();
  }
  /** Scrolls to the payment section, as a shopper does: PayPal loads only once it is about to be visible. */
  async scrollToPayment(): Promise<void> {
    await this.paymentSection.scrollIntoViewIfNeeded();
  }
  /** The PayPal window (the SDK double's stand-in for PayPal's popup). */
  get paypalWindow(): Locator {
    return this.page.getByRole('dialog', { name: /window$/ });
  }
  /** Pay Later messaging under the buttons. */
  get payLaterMessage(): Locator {
    return this.page.getByText(/^Pay in 4 interest-free payments of/);
  }

  /** In the PayPal window: pick a funding instrument and pay (or cancel). */
  async approveInPayPal(instrument: 'PayPal balance' | 'declined card' = 'PayPal balance'): Promise<void> {
    await expect(this.paypalWindow).toBeVisible();
    await this.paypalWindow.getByRole('radio', { name: instrument === 'declined card' ? /declined by the bank/ : 'PayPal balance' }).check();
    await this.paypalWindow.getByRole('button', { name: /^Pay (now|in 4)/ }).click();
  }

  async cancelInPayPal(): Promise<void> {
    await expect(this.paypalWindow).toBeVisible();
    await this.paypalWindow.getByRole('button', { name: 'Cancel and return to the store' }).click();
  }
  /** The checkout's own alert (not one inside the PayPal window). */
  get alert(): Locator {
    return this.page.locator('omni-checkout').getByRole('alert');
  }
  get challenge(): Locator {
    return this.page.getByRole('dialog');
  }

  async fillGuestDetails(guest: GuestDetails = GUEST): Promise<void> {
    await this.email.fill(guest.email);
    await this.fullName.fill(guest.name);
    await this.addressLine1.fill(guest.line1);
    await this.city.fill(guest.city);
    await this.postalCode.fill(guest.postalCode);
    const country = this.country;
    if ((await country.evaluate((el) => el.tagName)) === 'SELECT') {
      await country.selectOption({ label: guest.country });
    } else {
      await country.fill(guest.country);
    }
  }

  async chooseShipping(label: string | RegExp): Promise<void> {
    await this.shippingOption(label).check();
    await expect(this.shippingOption(label)).toBeChecked();
  }

  /** Types a test card as a shopper would (digits with spaces, MM / YY, CVC). */
  async fillCard(number: string, expiry = '12 / 34', cvc = '123'): Promise<void> {
    await this.cardNumber.fill('');
    await this.cardNumber.pressSequentially(number);
    await this.expiry.fill('');
    await this.expiry.pressSequentially(expiry.replace(/\D/g, ''));
    await this.securityCode.fill(cvc);
  }

  /** Fills every field, chooses standard delivery and the card. */
  async fillAll(card: string, shipping: string | RegExp = /Standard delivery/): Promise<void> {
    await this.fillGuestDetails();
    await this.chooseShipping(shipping);
    await this.fillCard(card);
  }

  async pay(): Promise<void> {
    await expect(this.payButton).toBeEnabled();
    await this.payButton.click();
  }

  async approveChallenge(): Promise<void> {
    await expect(this.challenge).toBeVisible();
    await this.challenge.getByRole('button', { name: 'Approve' }).click();
  }

  async cancelChallenge(): Promise<void> {
    await expect(this.challenge).toBeVisible();
    await this.challenge.getByRole('button', { name: 'Cancel' }).click();
  }
}
