import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity, type IdentityDoubleOptions } from '@omni-checkout/mock/backend/identity';
import './define.js';
import '../checkout/define.js';
import type { OmniIdentity } from './identity.js';
import { recordingFetch } from '../checkout/shopper.test-support.js';
import type { OmniCheckout } from '../checkout/checkout.js';
import type { OmniIdentityRecognizedEvent } from '../events/identity-recognized.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

/** How many times the checkout mounted the provider's payment fields (which is what loads a provider's SDK). */
let fieldMounts = 0;

beforeAll(() => {
  registerProvider('mock', async () => {
    const mock = (await import('@omni-checkout/mock/client')).default;
    return {
      ...mock,
      mountPaymentFields: (...args: Parameters<typeof mock.mountPaymentFields>) => {
        fieldMounts++;
        return mock.mountPaymentFields(...args);
      },
    };
  });
});

const CART = {
  lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 3700, quantity: 1 }],
  shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};

function backends(options: IdentityDoubleOptions = {}) {
  const memory = createMemoryBackend(CART);
  const identity = withIdentity(memory, options);
  return { memory, identity };
}

async function mountIdentity(options: IdentityDoubleOptions = {}) {
  const { memory, identity } = backends(options);
  const element = document.createElement('omni-identity');
  element.publishableKey = memory.publishableKey;
  element.apiBase = memory.apiBase;
  element.fetch = identity.fetch;
  element.clientSecret = memory.clientSecret;
  element.merchantName = 'Omni Roasters';
  const recognized: OmniIdentityRecognizedEvent[] = [];
  element.addEventListener('omni-identity-recognized', (e) => recognized.push(e));
  document.body.append(element);
  cleanup.push(() => element.remove());
  await element.updateComplete;
  return { element, identity, recognized };
}

async function violations(context: Element): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('<omni-identity>', () => {
  it('looks the email up on Enter, asks for the code with a masked hint in a one-time-code field, and signs the shopper in', async () => {
    const { element, identity, recognized } = await mountIdentity();
    const email = page.getByLabelText('Email', { exact: true });
    await expect.element(email).toHaveAttribute('autocomplete', 'email webauthn');
    await userEvent.type(email, 'ada@example.com{Enter}');
    const code = page.getByLabelText('Verification code');
    await expect.element(code).toHaveFocus();
    await expect.element(code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect.element(code).toHaveAccessibleDescription('If you saved your details with us, we sent a 6-digit code to a•••@e•••.com.');
    // Conditional mediation: passkey options are fetched for the email field's autofill.
    await expect.poll(() => identity.requests.map((r) => r.path).sort()).toEqual(['lookup', 'passkeys/authentication-options']);
    expect(await violations(element)).toEqual([]);

    await userEvent.type(code, '000000');
    await expect.element(page.getByRole('alert')).toHaveTextContent('That code is not right.');
    await expect.element(code).toHaveValue('');
    await userEvent.type(code, '123456');
    await expect.element(page.getByText('Signed in as ada@example.com')).toBeVisible();
    expect(recognized).toHaveLength(1);
    expect(recognized[0]!.profile.savedMethods.map((m) => m.last4)).toEqual(['4242', '4444']);
    expect(recognized[0]!.method).toBe('email');
    // A passkey is offered after a code sign-in.
    await expect.element(page.getByRole('button', { name: 'Save a passkey for one-click checkout' })).toBeVisible();
    expect(await violations(element)).toEqual([]);
  });

  it('answers an unknown email exactly like a known one: the same prompt, and the code never works', async () => {
    const { element, recognized } = await mountIdentity();
    await userEvent.type(page.getByLabelText('Email', { exact: true }), 'nobody@example.org{Enter}');
    const code = page.getByLabelText('Verification code');
    await expect.element(code).toHaveAccessibleDescription('If you saved your details with us, we sent a 6-digit code to n•••@e•••.org.');
    await userEvent.type(code, '123456');
    await expect.element(page.getByRole('alert')).toHaveTextContent('That code is not right.');
    expect(recognized).toEqual([]);
    expect(element.getValue().value.profile).toBeNull();
  });

  it('asks before sharing saved details with a merchant the shopper has not shared with', async () => {
    const { identity, recognized } = await mountIdentity({ consentRequired: true });
    await userEvent.type(page.getByLabelText('Email', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText('Verification code'), '123456');
    await expect.element(page.getByText('Share your saved address and payment methods with Omni Roasters?')).toBeVisible();
    expect(recognized).toEqual([]);
    await page.getByRole('button', { name: 'Share and continue' }).click();
    await expect.element(page.getByText('Signed in as ada@example.com')).toBeVisible();
    expect(recognized).toHaveLength(1);
    expect(identity.requests.map((r) => r.path).filter((p) => !p.startsWith('passkeys/'))).toEqual(['lookup', 'verify', 'share']);
  });

  it('"Not you?" forgets the shopper and empties the email field', async () => {
    const { element } = await mountIdentity();
    await userEvent.type(page.getByLabelText('Email', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText('Verification code'), '123456');
    await page.getByRole('button', { name: 'Not you?' }).click();
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveValue('');
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveFocus();
    expect(element.identity?.shopperToken).toBeNull();
  });

  it('signs in with a mobile number instead: a tel field, checked with libphonenumber-js, the code by SMS with a masked hint', async () => {
    const { element, identity, recognized } = await mountIdentity();
    await page.getByRole('button', { name: 'Use a mobile number instead' }).click();
    const phone = page.getByLabelText('Mobile number');
    await expect.element(phone).toHaveFocus();
    await expect.element(phone).toHaveAttribute('type', 'tel');
    await expect.element(phone).toHaveAttribute('autocomplete', 'tel');
    expect(await violations(element)).toEqual([]);
    // Not a number: said under the field, with an example of the country's mobile numbers; nothing is sent.
    await userEvent.type(phone, '12{Enter}');
    await expect.element(phone).toHaveAttribute('aria-invalid', 'true');
    await expect.element(phone).toHaveAccessibleDescription(/^Enter a phone number like \+49 /);
    expect(identity.requests.filter((r) => r.path === 'lookup')).toEqual([]);
    // A national number is read in the session's country (DE).
    await userEvent.clear(phone);
    await userEvent.type(phone, '0151 23456742{Enter}');
    const code = page.getByLabelText('Verification code');
    await expect.element(code).toHaveFocus();
    await expect.element(code).toHaveAccessibleDescription('If you saved your details with us, we sent a 6-digit code to ••• ••42.');
    expect(identity.requests.find((r) => r.path === 'lookup')!.body).toEqual({ phone: '+49 1512 3456742' });
    expect(await violations(element)).toEqual([]);
    await userEvent.type(code, '123456');
    await expect.element(page.getByText('Signed in as ada@example.com')).toBeVisible();
    expect(recognized).toHaveLength(1);
    // Signed in: the field shows the profile's email again.
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveValue('ada@example.com');
  });

  it('an unknown mobile number gets the same prompt, and "Use email instead" goes back to the email field', async () => {
    const { recognized } = await mountIdentity();
    await page.getByRole('button', { name: 'Use a mobile number instead' }).click();
    await userEvent.type(page.getByLabelText('Mobile number'), '+49 151 99999999{Enter}');
    const code = page.getByLabelText('Verification code');
    await expect.element(code).toHaveAccessibleDescription('If you saved your details with us, we sent a 6-digit code to ••• ••99.');
    await userEvent.type(code, '123456');
    await expect.element(page.getByRole('alert')).toHaveTextContent('That code is not right.');
    expect(recognized).toEqual([]);
    await page.getByRole('button', { name: 'Use email instead' }).click();
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveFocus();
    await expect.element(page.getByLabelText('Verification code')).not.toBeInTheDocument();
  });

  it('speaks the page language, right to left in Arabic', async () => {
    document.documentElement.lang = 'ar';
    document.documentElement.dir = 'rtl';
    cleanup.push(() => {
      document.documentElement.lang = 'en';
      document.documentElement.dir = 'ltr';
    });
    const { element } = await mountIdentity();
    await expect.element(page.getByRole('button', { name: 'تسجيل الدخول بمفتاح المرور' })).toBeVisible();
    expect(await violations(element)).toEqual([]);
    // The offer to send a code, in Arabic and axe-clean right to left.
    await userEvent.type(element.querySelector('input')!, 'guest@example.com');
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'هل حفظت بياناتك لدينا؟ أرسل لي رمزًا' })).toBeVisible();
    expect(getComputedStyle(element).direction).toBe('rtl');
    expect(await violations(element)).toEqual([]);
  });
});

describe('<omni-checkout identity>', () => {
  async function mountCheckout(options: IdentityDoubleOptions = {}) {
    const { memory, identity } = backends(options);
    const element = document.createElement('omni-checkout') as OmniCheckout;
    element.setAttribute('publishable-key', memory.publishableKey);
    element.setAttribute('api-base', memory.apiBase);
    element.identity = true;
    /** Every request the checkout sent. */
    const { fetch, sent } = recordingFetch((request) => identity.fetch(request));
    element.fetch = fetch;
    element.clientSecret = memory.clientSecret;
    const completed: Event[] = [];
    element.addEventListener('omni-complete', (e) => completed.push(e));
    const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
    document.body.append(element);
    cleanup.push(() => element.remove());
    await ready;
    return { element, memory, identity, completed, sent };
  }

  it('offers guests an unticked "save my details" box', async () => {
    await mountCheckout();
    const save = page.getByRole('checkbox', { name: 'Save my details for one-click checkout' });
    await expect.element(save).not.toBeChecked();
    await expect.element(save).toHaveAccessibleDescription(/You can delete them at any time/);
  });

  it('recognises the shopper, prefills the address, picks the saved card, and pays with it', async () => {
    const { element, memory, identity, completed } = await mountCheckout();
    await expect.element(page.getByLabelText('Email', { exact: true })).toBeVisible();
    await userEvent.type(page.getByLabelText('Email', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText('Verification code'), '123456');
    await expect.element(page.getByLabelText('Full name')).toHaveValue('Ada Lovelace');
    await expect.element(page.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
    // Guests only: a signed-in shopper is not asked to save again.
    await expect.element(page.getByRole('checkbox', { name: /Save my details/ })).not.toBeInTheDocument();
    const pay = page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Home' });
    await expect.element(pay).toBeVisible();
    expect(await violations(element)).toEqual([]);
    await pay.click();
    await expect.poll(() => completed.length).toBe(1);
    expect(memory.order()).toMatchObject({ amount: 4200 });
    // After the sign-in with consent, the checkout asks once whether a checkout left on another device can be continued.
    expect(identity.requests.map((r) => r.path).filter((p) => !p.startsWith('passkeys/'))).toEqual(['lookup', 'verify', 'apply', 'resume']);
  });

  it('a signed-in shopper paying with the saved card never loads the payment fields; choosing "Add a new card" does', async () => {
    const before = fieldMounts;
    const { completed } = await mountCheckout();
    await userEvent.type(page.getByLabelText('Email', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText('Verification code'), '123456');
    await expect.element(page.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fieldMounts).toBe(before);
    expect(document.querySelector('input[autocomplete="cc-number"]')).toBeNull();
    // Another card: the session's one way to pay is the card (no method list), so the saved list offers a new one; the fields load.
    await userEvent.click(page.getByRole('radio', { name: 'Add a new card' }));
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    expect(fieldMounts).toBe(before + 1);
    // And back to the saved card, which pays.
    await userEvent.click(page.getByRole('radio', { name: /Visa ending in 4242/ }));
    await page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Home' }).click();
    await expect.poll(() => completed.length).toBe(1);
    expect(fieldMounts).toBe(before + 1);
  });

  it('a guest: the payment fields load once the shopper starts on the address', async () => {
    const before = fieldMounts;
    // Far below the fold, so only the shopper's intent can load them.
    const spacer = document.createElement('div');
    spacer.style.blockSize = '3000px';
    document.body.prepend(spacer);
    cleanup.push(() => spacer.remove());
    await mountCheckout();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fieldMounts).toBe(before);
    await userEvent.fill(page.getByLabelText('Full name'), 'Grace Hopper');
    await expect.poll(() => fieldMounts).toBe(before + 1);
    await expect.element(page.getByLabelText('Card number')).toBeInTheDocument();
  });

  it('a remembered device: no payment fields behind the one-click button; "Use other details" brings them', async () => {
    localStorage.setItem('omni-device:pk_test_memory', 'dvc_remembered_device_token_for_tests');
    cleanup.push(() => localStorage.clear());
    const before = fieldMounts;
    await mountCheckout({ deviceToken: 'dvc_remembered_device_token_for_tests', passkeys: 1 });
    await expect.element(page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Home' })).toBeVisible();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fieldMounts).toBe(before);
    // (Paying in one click needs a passkey: e2e/tests/stripe.spec.ts proves it with Chromium's virtual authenticator.)
    await page.getByRole('button', { name: 'Use other details' }).click();
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveFocus();
    // The payment section coming into view is intent enough.
    page.getByRole('group', { name: 'Payment' }).element().scrollIntoView();
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    expect(fieldMounts).toBe(before + 1);
  });

  async function recognise(): Promise<void> {
    await userEvent.type(page.getByLabelText('Email', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText('Verification code'), '123456');
    await expect.element(page.getByText('Signed in as ada@example.com')).toBeVisible();
  }

  const office = { id: 'adr_office', label: 'Office', isDefault: false, address: { name: 'Ada Lovelace', line1: 'Jungfernstieg 7', city: 'Hamburg', postalCode: '20354', country: 'DE' } };

  it('lets a recognised shopper choose a saved address by keyboard, make it the default, and add a new one, without re-typing a saved one', async () => {
    const { element, identity, completed } = await mountCheckout({ addresses: [office] });
    await recognise();
    const group = page.getByRole('group', { name: 'Deliver to' });
    const home = group.getByRole('radio', { name: 'Home (Default)' });
    await expect.element(home).toBeChecked();
    await expect.element(home).toHaveAccessibleDescription('Unter den Linden 1, 10117 Berlin, Germany');
    // The address form is not shown for a saved address.
    expect((element.querySelector('omni-address') as HTMLElement).checkVisibility()).toBe(false);
    expect(await violations(element)).toEqual([]);

    // Keyboard: the radio group moves with the arrow keys; choosing applies it to the session.
    (home.element() as HTMLInputElement).focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(group.getByRole('radio', { name: 'Office' })).toBeChecked();
    await expect.poll(() => identity.requests.filter((r) => r.path === 'apply').at(-1)?.body).toEqual({ addressId: 'adr_office' });
    await expect.element(page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Office' })).toBeVisible();

    await page.getByRole('button', { name: 'Make Office my default address' }).click();
    await expect.element(group.getByRole('radio', { name: 'Office (Default)' })).toBeChecked();
    await expect.element(page.getByRole('status').first()).toHaveTextContent('Office is now your default address.');
    expect(identity.requests.some((r) => r.path === 'addresses/adr_office/default')).toBe(true);

    // A new address: the form opens empty, a name, "Save this address", and it is chosen.
    await group.getByRole('radio', { name: 'A new address' }).click();
    await expect.element(page.getByLabelText('Full name')).toBeVisible();
    await expect.element(page.getByLabelText('Full name')).toHaveValue('');
    await userEvent.fill(page.getByLabelText('Full name'), 'Ada Lovelace');
    await userEvent.fill(page.getByLabelText('Address line 1'), 'Kastanienallee 3');
    await userEvent.fill(page.getByLabelText('City', { exact: true }), 'Berlin');
    await userEvent.fill(page.getByLabelText('Postal code'), '10435');
    await userEvent.fill(page.getByLabelText('Name for this address'), 'Studio');
    expect(await violations(element)).toEqual([]);
    await page.getByRole('button', { name: 'Save this address' }).click();
    await expect.element(group.getByRole('radio', { name: 'Studio' })).toBeChecked();
    expect(identity.requests.find((r) => r.path === 'addresses')!.body).toMatchObject({ label: 'Studio', address: { line1: 'Kastanienallee 3', postalCode: '10435' } });
    await page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Studio' }).click();
    await expect.poll(() => completed.length).toBe(1);
  });

  it('right to left in Arabic: the saved addresses are axe-clean', async () => {
    document.documentElement.lang = 'ar';
    document.documentElement.dir = 'rtl';
    cleanup.push(() => {
      document.documentElement.lang = 'en';
      document.documentElement.dir = 'ltr';
    });
    const { element } = await mountCheckout({ addresses: [office] });
    await userEvent.type(page.getByLabelText('البريد الإلكتروني', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText('رمز التحقق', { exact: true }), '123456');
    await expect.element(page.getByRole('group', { name: 'التوصيل إلى' })).toBeVisible();
    expect(await violations(element)).toEqual([]);
  });

  it('asks for step-up by SMS before a one-click payment to a new country above the threshold, then pays (R20)', async () => {
    const { memory, identity, completed } = await mountCheckout({ stepUpNewCountryAbove: 1000 });
    await recognise();
    await page.getByRole('group', { name: 'Deliver to' }).getByRole('radio', { name: 'A new address' }).click();
    await userEvent.selectOptions(page.getByLabelText('Country', { exact: true }), 'FR');
    await userEvent.fill(page.getByLabelText('Full name'), 'Ada Lovelace');
    await userEvent.fill(page.getByLabelText('Address line 1'), '1 Rue de Rivoli');
    await userEvent.fill(page.getByLabelText('City', { exact: true }), 'Paris');
    await userEvent.fill(page.getByLabelText('Postal code'), '75001');
    await page.getByRole('button', { name: /^Pay €42\.00/ }).click();
    const code = page.getByLabelText('Verification code');
    await expect.element(code).toHaveFocus();
    await expect.element(code).toHaveAccessibleDescription('This order goes to a new country. To confirm it is you, enter the code we sent to ••• ••42.');
    expect(memory.order()).toBeNull();
    expect(identity.requests.some((r) => r.path === 'step-up')).toBe(true);
    await userEvent.type(code, '123456');
    await expect.poll(() => completed.length).toBe(1);
    expect(memory.order()).toMatchObject({ amount: 4200 });
  });

  it('on a remembered device shows one button: "Pay €42.00 with •••• 4242, deliver to Home"', async () => {
    localStorage.setItem('omni-device:pk_test_memory', 'dvc_remembered_device_token_for_tests');
    cleanup.push(() => localStorage.clear());
    const { memory } = backends();
    const { element, sent } = await mountCheckout({ deviceToken: 'dvc_remembered_device_token_for_tests', passkeys: 1 });
    expect(memory.publishableKey).toBe('pk_test_memory');
    await expect.element(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Pay €42.00 with •••• 4242, deliver to Home' })).toBeVisible();
    // One backend call before the button: the session, the device and the passkey options together.
    expect(sent).toEqual(['POST /identity/recall']);
    expect(await violations(element)).toEqual([]);
    await page.getByRole('button', { name: 'Use other details' }).click();
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveFocus();
  });

  it('a guest who types an email and moves on sees no code field and sends nothing; the same offer shows for every email', async () => {
    const { element, identity } = await mountIdentity();
    const email = page.getByLabelText('Email', { exact: true });
    // Typing, leaving the field, and the browser's autofill (value set, input and change).
    await userEvent.type(email, 'guest@example.com');
    await userEvent.tab();
    const offer = page.getByRole('button', { name: 'Saved your details with us? Send me a code' });
    await expect.element(offer).toBeVisible();
    const input = element.querySelector<HTMLInputElement>('input[type="email"]')!;
    input.focus();
    input.value = 'ada@example.com';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await element.updateComplete;
    // A known shopper (ada@) gets the same offer as a guest, and the email field keeps the focus.
    await expect.element(offer).toBeVisible();
    await expect.element(email).toHaveFocus();
    await expect.element(page.getByLabelText('Verification code')).not.toBeInTheDocument();
    expect(identity.requests.filter((r) => r.path === 'lookup')).toEqual([]);
    expect(await violations(element)).toEqual([]);
    // Asked for: one lookup, the code field takes the focus.
    await offer.click();
    const code = page.getByLabelText('Verification code');
    await expect.element(code).toHaveFocus();
    await expect.element(code).toHaveAccessibleDescription('If you saved your details with us, we sent a 6-digit code to a•••@e•••.com.');
    expect(identity.requests.filter((r) => r.path === 'lookup').map((r) => r.body)).toEqual([{ email: 'ada@example.com' }]);
    await expect.element(offer).not.toBeInTheDocument();
  });

  it('the offer shows while the email is typed, so leaving the field moves nothing a click is aimed at', async () => {
    const { element } = await mountIdentity();
    const email = page.getByLabelText('Email', { exact: true });
    const offer = page.getByRole('button', { name: 'Saved your details with us? Send me a code' });
    await userEvent.type(email, 'guest@example');
    await expect.element(offer).not.toBeInTheDocument();
    await userEvent.type(email, '.com');
    // Still in the field: the offer is already there (it appeared on leaving, it shifted the page under the click).
    await expect.element(email).toHaveFocus();
    await expect.element(offer).toBeVisible();
    const before = element.getBoundingClientRect().height;
    await userEvent.tab();
    await element.updateComplete;
    expect(element.getBoundingClientRect().height).toBe(before);
  });

  it('31 guests behind one network (the backend refusing its lookups) never see an error; a shopper who asks is told why', async () => {
    let lookups = 0;
    for (let guest = 1; guest <= 31; guest++) {
      const { element, identity } = await mountIdentity();
      const fetch = identity.fetch;
      // The backend refuses every lookup from this network (per-IP limit reached).
      element.fetch = async (input, init) => {
        if (!new Request(input, init).url.endsWith('/identity/lookup')) return fetch(input, init);
        lookups++;
        return Response.json({ error: { code: 'rate_limited', message: 'Too many codes were requested. Try again later.' } }, { status: 429 });
      };
      const email = page.getByLabelText('Email', { exact: true });
      await userEvent.fill(email, `guest-${guest}@example.com`);
      await userEvent.tab();
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[part~="error"]')!.textContent, `guest ${guest}`).toBe('');
      await expect.element(page.getByLabelText('Verification code')).not.toBeInTheDocument();
      if (guest < 31) for (const fn of cleanup.splice(0)) fn();
    }
    expect(lookups).toBe(0);
    // The 31st presses Enter: asked for, so told.
    await userEvent.type(page.getByLabelText('Email', { exact: true }), '{Enter}');
    await expect.element(page.getByRole('alert')).toHaveTextContent(/Too many codes/);
    expect(lookups).toBe(1);
  });
});
