/**
 * Notifications: email (nodemailer over SMTP), SMS (provider interface, Twilio-compatible
 * adapter) and the transactional outbox that delivers both exactly once per business event.
 *
 * Configuration (environment):
 *   SMTP_URL       smtp://user:pass@host:587 (required in production)
 *   MAIL_FROM      From header (default `omni-checkout <no-reply@localhost>`)
 *   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, TWILIO_BASE_URL (optional; compatible gateways)
 * In development (`serve --dev`) with no SMTP_URL, mail goes to the dev mailbox: a loopback SMTP
 * server in the backend process whose messages are listed at `GET /dev/mailbox`. It needs the
 * development dependencies (smtp-server, mailparser), loaded only then, never by production code. Texts, when no SMS provider
 * is configured, go through the same Twilio-compatible adapter to a loopback fake of Twilio's
 * Messages API (`sms-catcher.ts`) that lists them in that mailbox too.
 */
import type { Logger } from '../logger.js';
import type { MailCatcher } from './mail-catcher.js';
import { createSmtpMailer, type Mailer } from './mailer.js';
import { createTwilioSms, type SmsSender } from './sms.js';
import type { SmsCatcher } from './sms-catcher.js';

export * from './mailer.js';
export type { MailCatcher, CaughtMessage } from './mail-catcher.js';
export * from './sms.js';
export * from './outbox.js';
export * from './templates.js';

export interface Notifications {
  readonly mailer: Mailer;
  readonly sms: SmsSender;
  /** False when texts cannot go anywhere (no provider and no dev mailbox). */
  readonly smsAvailable: boolean;
  /** The dev mailbox, when mail and texts stay on this machine. */
  readonly devMailbox: MailCatcher | null;
  close(): Promise<void>;
}

/** Mail and texts from the environment; the dev mailbox only with `dev` (`serve --dev`) and no SMTP_URL. */
export async function notificationsFromEnv(env: NodeJS.ProcessEnv, logger: Logger, mode: { readonly dev: boolean } = { dev: false }): Promise<Notifications> {
  const production = !mode.dev;
  const from = env.MAIL_FROM ?? 'omni-checkout <no-reply@localhost>';
  let devMailbox: MailCatcher | null = null;
  let smtpUrl = env.SMTP_URL;
  if (!smtpUrl) {
    if (production) throw new Error('SMTP_URL is required without --dev (smtp://user:pass@host:587).');
    const { startMailCatcher } = await import('./mail-catcher.js').catch((error: unknown) => {
      throw new Error(`The dev mailbox needs the development dependencies smtp-server and mailparser (${String(error)}); set SMTP_URL instead.`);
    });
    devMailbox = await startMailCatcher(0);
    smtpUrl = devMailbox.url;
    logger.info({ port: devMailbox.port }, 'no SMTP_URL: mail goes to the dev mailbox (GET /dev/mailbox)');
  }
  const mailer = createSmtpMailer({ url: smtpUrl, from });
  let sms: SmsSender;
  let smsCatcher: SmsCatcher | null = null;
  if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM) {
    sms = createTwilioSms({
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      from: env.TWILIO_FROM,
      baseUrl: env.TWILIO_BASE_URL,
    });
  } else if (devMailbox) {
    const { startSmsCatcher } = await import('./sms-catcher.js');
    smsCatcher = await startSmsCatcher(devMailbox);
    sms = createTwilioSms({ accountSid: 'ACdevmailbox', authToken: 'dev-mailbox', from: '+15005550006', baseUrl: smsCatcher.baseUrl });
  } else {
    if (production) logger.warn('no SMS provider configured (TWILIO_*): SMS codes are not offered');
    sms = {
      async send() {
        throw new Error('No SMS provider is configured');
      },
    };
  }
  return {
    mailer,
    sms,
    smsAvailable: Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM) || devMailbox !== null,
    devMailbox,
    async close() {
      mailer.close();
      await smsCatcher?.close();
      await devMailbox?.close();
    },
  };
}
