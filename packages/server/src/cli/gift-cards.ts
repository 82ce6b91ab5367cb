/**
 * `omni-checkout gift-cards issue --merchant mer_... --amount 5000 --currency EUR [--validity-days 1095 | --expires-at ISO | --country DE] [--dev]`
 * and `omni-checkout gift-cards show --merchant mer_... --card gc_...` (docs/payment-methods.md).
 * The code is printed once; the database keeps only its keyed hash, made with OMNI_LOOKUP_KEY
 * (with `--dev` and no key: the development key `serve --dev` uses, so the codes match).
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { GrantStoreCreditRequest, IssueGiftCardRequest, formatMoney } from '@omni-checkout/core';
import { z } from 'zod';
import { vaultFromEnv } from '../identity/vault.js';
import { giftCardById, issueGiftCard } from '../gift-cards/ledger.js';
import { grantStoreCredit } from '../gift-cards/tenders.js';
import { normaliseEmail } from '../identity/deps.js';
import { openDb, migrate, type StorageOptions } from '../storage/index.js';

interface GiftCardsIo {
  readonly out: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly storageOptions: StorageOptions;
}

export async function giftCardsCommand(argv: readonly string[], io: GiftCardsIo): Promise<number> {
  const [action, ...args] = argv;
  const { values } = parseArgs({
    args,
    options: {
      merchant: { type: 'string' },
      card: { type: 'string' },
      amount: { type: 'string' },
      currency: { type: 'string' },
      'validity-days': { type: 'string' },
      'expires-at': { type: 'string' },
      country: { type: 'string' },
      dev: { type: 'boolean' },
    },
  });
  if (!values.merchant) throw new Error('Pass --merchant mer_...');
  // Only issuing needs the lookup key; checked before the database opens.
  const vault = action === 'issue' ? vaultFromEnv(io.env, () => undefined, { dev: values.dev === true }) : null;
  const db = await openDb(io.storageOptions);
  try {
    await migrate(db);
    const merchant = (await db.query<{ id: string; livemode: boolean }>('SELECT id, livemode FROM merchants WHERE id = $1', [values.merchant])).rows[0];
    if (!merchant) throw new Error(`No merchant ${values.merchant}`);
    if (action === 'issue') {
      const parsed = IssueGiftCardRequest.safeParse({
        amount: Number(values.amount),
        currency: values.currency,
        ...(values['validity-days'] ? { validityDays: Number(values['validity-days']) } : {}),
        ...(values['expires-at'] ? { expiresAt: values['expires-at'] } : {}),
        ...(values.country ? { country: values.country.toUpperCase() } : {}),
      });
      if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
      const card = await issueGiftCard({ db, mac: vault!.mac, now: () => new Date() }, merchant, parsed.data);
      io.out(`Gift card ${card.id}: ${formatMoney({ amount: card.balance, currency: card.currency }, 'en')}, ${card.expiresAt ? `pays until ${card.expiresAt}` : 'no expiry'}`);
      io.out(`Code: ${card.code}`);
      io.out('The code is shown only now; only its keyed hash is stored.');
      return 0;
    }
    if (action === 'show') {
      if (!values.card) throw new Error('Pass --card gc_...');
      const found = await giftCardById(db, merchant.id, values.card);
      if (!found) throw new Error(`No gift card ${values.card} at ${merchant.id}`);
      io.out(`${found.card.id}  ${found.card.status}  balance ${formatMoney({ amount: found.card.balance, currency: found.card.currency }, 'en')}  ••••${found.card.last4}`);
      for (const line of found.transactions) io.out(`  ${line.createdAt}  ${line.kind.padEnd(6)}  ${line.amount}  → ${line.balanceAfter}${line.reference ? `  ${line.reference}` : ''}`);
      return 0;
    }
    throw new Error('Usage: omni-checkout gift-cards issue|show --merchant mer_... …');
  } finally {
    await db.close();
  }
}

/**
 * `omni-checkout store-credit grant --merchant mer_... --email ada@example.com --amount 1500 --currency EUR [--key K] [--dev]`:
 * store credit for a shopper who shares their details with the merchant (docs/payment-methods.md).
 * The key makes a repeated command add nothing twice (default: one per run).
 */
export async function storeCreditCommand(argv: readonly string[], io: GiftCardsIo): Promise<number> {
  const [action, ...args] = argv;
  const { values } = parseArgs({
    args,
    options: {
      merchant: { type: 'string' },
      email: { type: 'string' },
      shopper: { type: 'string' },
      amount: { type: 'string' },
      currency: { type: 'string' },
      key: { type: 'string' },
      dev: { type: 'boolean' },
    },
  });
  if (action !== 'grant') throw new Error('Usage: omni-checkout store-credit grant --merchant mer_... --email … --amount 1500 --currency EUR');
  if (!values.merchant) throw new Error('Pass --merchant mer_...');
  const parsed = GrantStoreCreditRequest.safeParse({
    amount: Number(values.amount),
    currency: values.currency,
    ...(values.email ? { email: values.email } : {}),
    ...(values.shopper ? { shopper: values.shopper } : {}),
  });
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const vault = vaultFromEnv(io.env, () => undefined, { dev: values.dev === true });
  const db = await openDb(io.storageOptions);
  try {
    await migrate(db);
    const merchant = (await db.query<{ id: string; livemode: boolean }>('SELECT id, livemode FROM merchants WHERE id = $1', [values.merchant])).rows[0];
    if (!merchant) throw new Error(`No merchant ${values.merchant}`);
    const credit = await grantStoreCredit(db, merchant, parsed.data, values.key ?? `cli-${randomUUID()}`, new Date(), (email) =>
      vault.lookupHash('email', normaliseEmail(email)),
    );
    io.out(`Store credit ${credit.id} of ${credit.shopper}: ${formatMoney({ amount: credit.balance, currency: credit.currency }, 'en')}`);
    return 0;
  } finally {
    await db.close();
  }
}
