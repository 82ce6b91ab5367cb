/**
 * A one-time code reaches the shopper in the language of the checkout that asked for it (the
 * session's `locale`), like every other message the backend sends; English otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../notifications/mailer.js';
import type { SmsMessage } from '../notifications/sms.js';
import { openMigratedPglite } from '../test/pglite-snapshot.js';
import { callerAt, identityDeps, storeShopper } from '../test/identity.js';
import { createMerchant, createSession, createTestEnv, SAMPLE_SESSION } from '../test/env.js';
import { lookup } from './codes.js';
import { randomVault } from './vault.js';

const db = await openMigratedPglite();
const vault = randomVault();
const env = await createTestEnv({ db, vault });
const shop = await createMerchant(env);
const mails: MailMessage[] = [];
const texts: SmsMessage[] = [];
const deps = identityDeps(db, vault, {
  mailer: { send: async (message) => void mails.push(message), close: () => {} },
  sms: { send: async (message: SmsMessage) => void texts.push(message) },
  smsCountries: new Set(['DE', 'PL']),
});

let shoppers = 0;
/** Asks for a code in a checkout in `locale` and answers the message it sent. */
async function codeMessage(locale: string | undefined, channel: 'email' | 'sms' = 'email'): Promise<{ subject?: string; text: string }> {
  const id = `shp_code_${shoppers++}`;
  const phone = `+4915112345${String(shoppers).padStart(3, '0')}`;
  await storeShopper(db, vault, id, { phone });
  const created = await createSession(env, shop, { ...SAMPLE_SESSION, ...(locale ? { locale } : {}) });
  const caller = await callerAt(env, shop, created.id, '203.0.113.7');
  const [mailsBefore, textsBefore] = [mails.length, texts.length];
  await lookup(deps, caller, channel === 'email' ? { email: `${id}@example.com` } : { phone });
  await expect.poll(() => (channel === 'email' ? mails.length - mailsBefore : texts.length - textsBefore)).toBe(1);
  if (channel === 'sms') return { text: texts.at(-1)!.body };
  const mail = mails.at(-1)!;
  return { subject: mail.subject, text: mail.text ?? '' };
}

describe('one-time codes in the shopper’s language', () => {
  it('English stays as it was, with the code in the subject', async () => {
    const message = await codeMessage('en');
    expect(message.subject).toMatch(/^\d{6} is your checkout code$/);
    expect(message.text).toMatch(/^Your .+ checkout code is \d{6}\. It expires in 10 minutes\./);
    expect((await codeMessage(undefined)).subject).toMatch(/ is your checkout code$/);
  });

  it('a Polish, Korean, Arabic or German checkout sends the code in its language', async () => {
    const pl = await codeMessage('pl');
    expect(pl.subject).toMatch(/^\d{6} – Twój kod/);
    expect(pl.text).toContain('Wygasa za 10 minut');
    expect((await codeMessage('ko')).subject).toMatch(/인증 코드/);
    const ar = await codeMessage('ar');
    expect(ar.text).toMatch(/رمز/);
    expect(ar.text).toMatch(/\d{6}/);
    expect((await codeMessage('de-AT')).text).toContain('Er ist 10 Minuten gültig');
  });

  it('so does the text message, which keeps its WebOTP line', async () => {
    const sms = await codeMessage('pl', 'sms');
    expect(sms.text).toContain('Wygasa za 10 minut');
    expect(sms.text).toMatch(/\n\n@[\w.-]+ #\d{6}$/);
  });
});
