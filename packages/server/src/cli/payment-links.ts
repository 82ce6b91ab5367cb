/** `omni-checkout payment-links …`: create, show, disable and send a merchant's payment links (docs/omnichannel.md). */
import { parseArgs } from 'node:util';
import { CreatePaymentLinkRequest, SendPaymentLinkRequest } from '@omni-checkout/core/payment-links';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import { randomUUID } from 'node:crypto';
import { sha256 } from '../crypto.js';
import { DEFAULT_SMS_COUNTRIES } from '../identity/deps.js';
import { vaultFromEnv } from '../identity/vault.js';
import { createPaymentLink, disablePaymentLink, linkRow, readPaymentLink } from '../links/links.js';
import { sendPaymentLink } from '../links/send.js';
import { openDb, migrate, type StorageOptions } from '../storage/index.js';

interface LinksIo {
  readonly out: (line: string) => void;
  readonly storageOptions: StorageOptions;
  /** The backend's public origin, for the link's URL (OMNI_PUBLIC_URL). */
  readonly publicUrl: string;
  /** OMNI_DATA_KEYS, OMNI_LOOKUP_KEY (the vault that seals a send's recipient), OMNI_SMS_COUNTRIES, TWILIO_*. */
  readonly env: NodeJS.ProcessEnv;
}

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

export async function paymentLinksCommand(argv: readonly string[], io: LinksIo): Promise<number> {
  const [action, ...args] = argv;
  const { values } = parseArgs({
    args,
    options: {
      merchant: { type: 'string' },
      link: { type: 'string' },
      amount: { type: 'string' },
      description: { type: 'string' },
      currency: { type: 'string' },
      country: { type: 'string' },
      locale: { type: 'string' },
      channel: { type: 'string' },
      'checkout-url': { type: 'string' },
      'expires-minutes': { type: 'string' },
      'multi-use': { type: 'boolean' },
      'public-url': { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      key: { type: 'string' },
      dev: { type: 'boolean' },
    },
  });
  const origin = new URL(values['public-url'] ?? io.publicUrl).origin;
  const db = await openDb(io.storageOptions);
  try {
    await migrate(db);
    const show = async (id: string) => {
      const link = await readPaymentLink(db, id, origin, new Date());
      if (!link) throw new Error(`No payment link ${id}`);
      io.out(`${link.id}  ${link.state}  ${link.url}`);
      io.out(`${link.singleUse ? 'single use' : 'multiple use'}, ${link.channel}, ${link.sessions} opened, ${link.paid} paid, expires ${link.expiresAt}`);
    };
    if (action === 'create') {
      if (!values.merchant) throw new Error('Pass --merchant mer_...');
      const { rows } = await db.query<{ id: string; name: string; publishable_key: string; allowed_origins: string[] }>(
        'SELECT id, name, publishable_key, allowed_origins FROM merchants WHERE id = $1',
        [values.merchant],
      );
      const row = rows[0];
      if (!row) throw new Error(`No merchant ${values.merchant}`);
      const parsed = CreatePaymentLinkRequest.safeParse({
        amount: number(values.amount),
        ...(values.description ? { description: values.description } : {}),
        currency: values.currency,
        country: values.country,
        ...(values.locale ? { locale: values.locale } : {}),
        channel: values.channel,
        ...(values['checkout-url'] ? { checkoutUrl: values['checkout-url'] } : {}),
        ...(values['expires-minutes'] ? { expiresInMinutes: number(values['expires-minutes']) } : {}),
        singleUse: !values['multi-use'],
      });
      if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
      const merchant = { id: row.id, name: row.name, publishableKey: row.publishable_key, allowedOrigins: row.allowed_origins };
      try {
        await show(await createPaymentLink(db, merchant, parsed.data, new Date()));
      } catch (error) {
        if (error instanceof ApiError) throw new Error(error.message);
        throw error;
      }
      return 0;
    }
    if (action === 'show' || action === 'disable') {
      if (!values.link) throw new Error('Pass --link plink_...');
      if (action === 'disable' && !(await disablePaymentLink(db, null, values.link, new Date()))) throw new Error(`No payment link ${values.link}`);
      await show(values.link);
      return 0;
    }
    if (action === 'send') {
      if (!values.link) throw new Error('Pass --link plink_...');
      const parsed = SendPaymentLinkRequest.safeParse(values.phone ? { phone: values.phone } : { email: values.email });
      if (!parsed.success) throw new Error(`Pass --email name@example.com or --phone +4915123456789 (${z.prettifyError(parsed.error)})`);
      const link = await linkRow(db, values.link);
      if (!link) throw new Error(`No payment link ${values.link}`);
      const env = io.env;
      const sms = {
        // Texts leave through the running server's outbox: its provider (TWILIO_*), or its dev mailbox with --dev.
        available: Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM) || values.dev === true,
        countries: new Set(env.OMNI_SMS_COUNTRIES?.split(',').map((c) => c.trim().toUpperCase()) ?? DEFAULT_SMS_COUNTRIES),
      };
      try {
        const sent = await sendPaymentLink(
          { db, now: () => new Date(), vault: vaultFromEnv(env, () => undefined, { dev: values.dev === true }), sms },
          link,
          parsed.data,
          { key: values.key ?? randomUUID(), hash: sha256(JSON.stringify(parsed.data)), origin },
        );
        io.out(`${sent.id}  queued  ${sent.channel} to ${sent.to}  (${link.id})`);
      } catch (error) {
        if (error instanceof ApiError) throw new Error(`${error.code}: ${error.message}`);
        throw error;
      }
      return 0;
    }
    io.out('Usage: omni-checkout payment-links create|show|disable|send (see omni-checkout --help)');
    return 2;
  } finally {
    await db.close();
  }
}
