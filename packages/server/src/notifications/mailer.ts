/**
 * Outgoing email over SMTP (nodemailer). Configure with `SMTP_URL`
 * (`smtp://user:pass@host:587`, `smtps://…:465`) and `MAIL_FROM`. Outside production, with no
 * `SMTP_URL`, the backend starts a loopback SMTP server of its own (the dev mailbox, see
 * `mail-catcher.ts`) and sends to it, so mail still goes through a real SMTP conversation.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /**
   * Stable identity of the message (e.g. the outbox key). It becomes the `Message-ID`, so a
   * message delivered twice after a crash is recognisably the same message.
   */
  readonly key?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** `<sha256(key)@omni-checkout>`: deterministic, and reveals nothing about the key. */
export function messageIdFor(key: string, domain = 'omni-checkout.invalid'): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  readonly url: string;
  /** `From` header, e.g. `Omni Checkout <no-reply@example.com>`. */
  readonly from: string;
}

/**
 * The transport behind `url`, pooled unless the URL says `?pool=false`: messages reuse up to five open
 * SMTP connections instead of opening one each (a new conversation is about eight round trips with the
 * relay; under a burst of orders, the outbox sends several side by side). `maxConnections` and
 * `maxMessages` in the URL's query are nodemailer's own and apply as given.
 */
export function smtpTransportUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true');
  return parsed.toString();
}

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = nodemailer.createTransport(smtpTransportUrl(options.url));
  return {
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.key ? { messageId: messageIdFor(message.key) } : {}),
      });
    },
    close: () => transport.close(),
  };
}
