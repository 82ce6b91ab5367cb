/**
 * A guest as the checkout's browser tests type them (never built into the package: the elements
 * tsconfig leaves `*.test-support.ts` out): the fields by their labels, the guest's details with
 * standard delivery, and a card in the mock provider's fields.
 */
import { page, userEvent } from 'vitest/browser';

export const field = (label: string | RegExp) => page.getByLabelText(label, { exact: typeof label === 'string' });

/** Email, name, a Berlin address and standard delivery. */
export async function fillGuest(): Promise<void> {
  await userEvent.fill(field('Email'), 'ada@example.com');
  await userEvent.fill(field('Full name'), 'Ada Lovelace');
  await userEvent.fill(field('Address line 1'), 'Unter den Linden 1');
  await userEvent.fill(field('City'), 'Berlin');
  await userEvent.fill(field('Postal code'), '10117');
  await userEvent.click(page.getByRole('radio', { name: /Standard delivery/ }));
}

/** A card number in the mock provider's fields, with a valid expiry and security code. */
export async function fillCard(number: string): Promise<void> {
  await userEvent.fill(field('Card number'), number);
  await userEvent.fill(field(/^Expiry/), '12 / 34');
  await userEvent.fill(field(/^Security code/), '123');
}

/** A `fetch` that sends through `to` and notes every request, as `METHOD path` below the session (`POST /identity/recall`). */
export function recordingFetch(to: (request: Request) => Promise<Response>): { fetch: typeof globalThis.fetch; sent: string[] } {
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    sent.push(`${request.method} ${new URL(request.url).pathname.replace(/^.*\/checkout-sessions\/[^/]+/, '') || '/'}`);
    return to(request);
  };
  return { fetch, sent };
}
