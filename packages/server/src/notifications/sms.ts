/**
 * Outgoing text messages through a provider interface. `createTwilioSms` speaks Twilio's
 * Programmable Messaging REST API (`POST /2010-04-01/Accounts/{sid}/Messages.json`, form-encoded,
 * HTTP basic auth), so it works with Twilio and with compatible gateways (`TWILIO_BASE_URL`).
 */
export interface SmsMessage {
  /** E.164, e.g. `+4915112345678`. */
  readonly to: string;
  readonly body: string;
  /** Stable identity of the message (the outbox key), for logs and de-duplication. */
  readonly key?: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override readonly name = 'SmsDeliveryError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface TwilioSmsOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** Sender number (E.164) or messaging-service SID (`MG…`). */
  readonly from: string;
  /** Default `https://api.twilio.com`. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export function createTwilioSms(options: TwilioSmsOptions): SmsSender {
  const base = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const auth = Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  return {
    async send(message) {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      form.set(options.from.startsWith('MG') ? 'MessagingServiceSid' : 'From', options.from);
      const response = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (response.status !== 201 && response.status !== 200) {
        // Twilio answers { code, message, more_info, status }; keep only the numeric code (no PII).
        const body = (await response.json().catch(() => null)) as { code?: number } | null;
        throw new SmsDeliveryError(`SMS provider answered ${response.status}${body?.code ? ` (code ${body.code})` : ''}`, response.status);
      }
    },
  };
}
