/** The Twilio-compatible SMS adapter against a loopback fake of Twilio's Messages API. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioSms, SmsDeliveryError } from './sms.js';
import { startMailCatcher } from './mail-catcher.js';
import { notificationsFromEnv } from './index.js';
import { createLogger } from '../logger.js';

interface Received {
  path: string;
  auth: string | undefined;
  form: URLSearchParams;
}

let server: Server;
let base: string;
const received: Received[] = [];
let answer = { status: 201, body: { sid: 'SM00000000000000000000000000000000', status: 'queued' } as unknown };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', auth: req.headers.authorization, form: new URLSearchParams(body) });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Twilio-compatible SMS', () => {
  it('posts To, From and Body form-encoded to the account’s Messages resource with basic auth', async () => {
    const sms = createTwilioSms({ accountSid: 'AC_test_account', authToken: 'test-token', from: '+15005550006', baseUrl: base });
    await sms.send({ to: '+4915112345678', body: 'Your omni-checkout code is 123456' });
    const last = received.at(-1)!;
    expect(last.path).toBe('/2010-04-01/Accounts/AC_test_account/Messages.json');
    expect(last.auth).toBe(`Basic ${Buffer.from('AC_test_account:test-token').toString('base64')}`);
    expect(Object.fromEntries(last.form)).toEqual({ To: '+4915112345678', From: '+15005550006', Body: 'Your omni-checkout code is 123456' });
  });

  it('sends through a messaging service when the sender is an MG… SID', async () => {
    const sms = createTwilioSms({ accountSid: 'AC1', authToken: 't', from: 'MG_test_service', baseUrl: base });
    await sms.send({ to: '+15005550009', body: 'hi' });
    expect(received.at(-1)!.form.get('MessagingServiceSid')).toBe('MG_test_service');
    expect(received.at(-1)!.form.has('From')).toBe(false);
  });

  it('fails with the provider’s status and error code, and no message text', async () => {
    answer = { status: 400, body: { code: 21211, message: "The 'To' number +1 is not valid.", status: 400 } };
    const sms = createTwilioSms({ accountSid: 'AC1', authToken: 't', from: '+15005550006', baseUrl: base });
    const error = await sms.send({ to: '+1', body: 'code 654321' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect((error as SmsDeliveryError).status).toBe(400);
    expect((error as Error).message).toBe('SMS provider answered 400 (code 21211)');
    answer = { status: 201, body: {} };
  });
});

describe('the dev mailbox for texts (a loopback fake of Twilio’s Messages API)', () => {
  it('in development (--dev) without TWILIO_*, texts go through the Twilio adapter to the fake and are listed in the dev mailbox', async () => {
    const notifications = await notificationsFromEnv({}, createLogger({ level: 'silent' }), { dev: true });
    try {
      expect(notifications.smsAvailable).toBe(true);
      await notifications.sms.send({ to: '+4915112345642', body: 'Your Shop checkout code is 482913.' });
      const listed = notifications.devMailbox!.messages().filter((m) => m.channel === 'sms');
      expect(listed).toEqual([expect.objectContaining({ channel: 'sms', to: '+4915112345642', from: '+15005550006', text: 'Your Shop checkout code is 482913.' })]);
    } finally {
      await notifications.close();
    }
  });

  it('answers like Twilio: 201 with a message SID; 400 without To or Body; 401 without credentials', async () => {
    const { startSmsCatcher } = await import('./sms-catcher.js');
    const mailbox = await startMailCatcher(0);
    const catcher = await startSmsCatcher(mailbox);
    try {
      const url = `${catcher.baseUrl}/2010-04-01/Accounts/AC1/Messages.json`;
      const auth = { authorization: `Basic ${Buffer.from('AC1:t').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' };
      const ok = await fetch(url, { method: 'POST', headers: auth, body: new URLSearchParams({ To: '+15005550009', From: '+15005550006', Body: 'hi' }) });
      expect(ok.status).toBe(201);
      expect(((await ok.json()) as { sid: string }).sid).toMatch(/^SM[0-9a-f]{32}$/);
      expect((await fetch(url, { method: 'POST', headers: auth, body: new URLSearchParams({ To: '+15005550009' }) })).status).toBe(400);
      expect((await fetch(url, { method: 'POST', body: new URLSearchParams({ To: '+1', Body: 'x' }) })).status).toBe(401);
      expect(mailbox.messages().map((m) => m.text)).toEqual(['hi']);
    } finally {
      await catcher.close();
      await mailbox.close();
    }
  });
});
