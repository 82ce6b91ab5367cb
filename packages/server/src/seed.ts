/** Merchants upserted at start (`--seed` / `OMNI_SEED`), so a demo can use fixed test keys. */
import { readFile } from 'node:fs/promises';
import { CaptureMethod, DeliverySettings, PaymentMethodSettings, ProviderId, text } from '@omni-checkout/core';
import { z } from 'zod';
import { PUBLISHABLE_KEY, SECRET_KEY } from './crypto.js';
import type { MerchantRecord, Storage } from './storage/index.js';

/** An exact origin such as `https://shop.example` or `http://localhost:5173`. */
export const Origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value && value !== 'null';
  } catch {
    return false;
  }
}, 'Use an exact origin like https://shop.example (scheme, host and port; no path)');

export const SeedMerchant = z
  .object({
    name: text(),
    publishableKey: z.string().regex(PUBLISHABLE_KEY, 'Use pk_test_ followed by at least 4 letters, digits or _'),
    secretKey: z.string().regex(SECRET_KEY, 'Use sk_test_ followed by at least 16 letters, digits or _'),
    allowedOrigins: z.array(Origin).max(50),
    providerId: ProviderId.optional(),
    /** Ordered providers, e.g. `["stripe", "paypal"]`: each method goes to the first that carries it. */
    providers: z.array(ProviderId).min(1).max(5).optional(),
    /** Overrides of the markets' default payment methods: `{ enable, disable, order, countries: { SA: { … } } }`. */
    paymentMethods: PaymentMethodSettings.optional(),
    /** Delivery windows: `{ timeZone: "Europe/Warsaw", cutoff: "14:00", businessDays: [1,2,3,4,5], holidays: ["12-25"] }`. */
    delivery: DeliverySettings.optional(),
    /** `manual`: the merchant's sessions only authorise; orders are captured later (`POST /v1/orders/{id}/capture`). */
    captureMethod: CaptureMethod.optional(),
    /** Days an unfinished checkout of a recognised shopper is offered on their other devices (0–30; 0 turns it off; default 7). */
    resumeWindowDays: z.number().int().min(0).max(30).optional(),
  })
  .strict()
  .refine((m) => m.publishableKey.startsWith('pk_live_') === m.secretKey.startsWith('sk_live_'), {
    message: 'The publishable and secret keys must both be live (pk_live_, sk_live_) or both be test keys',
    path: ['secretKey'],
  });

export const Seed = z.object({ merchants: z.array(SeedMerchant) }).strict();
export type Seed = z.infer<typeof Seed>;

export async function readSeedFile(path: string): Promise<Seed> {
  const result = Seed.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!result.success) throw new Error(`Invalid seed file ${path}: ${z.prettifyError(result.error)}`);
  return result.data;
}

export async function applySeed(storage: Storage, seed: Seed): Promise<MerchantRecord[]> {
  const merchants: MerchantRecord[] = [];
  for (const merchant of seed.merchants) merchants.push(await storage.upsertMerchant(merchant));
  return merchants;
}
