/** The Twilio-compatible SMS adapter against a loopback fake of Twilio's Messages API. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioSms, SmsDeliveryError } from './sms.js';

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
