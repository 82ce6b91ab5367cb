/**
 * A loopback fake of Twilio's Messages API that puts every text into the dev mailbox. Outside
 * production with no `TWILIO_*` configured, the backend sends its texts through the real
 * Twilio-compatible adapter (`createTwilioSms`) to this fake, as its mail goes over real SMTP to the
 * loopback mail catcher: the code path is the one production runs, and a person reads the code at
 * `GET /dev/mailbox`. It binds 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MailCatcher } from './mail-catcher.js';

export interface SmsCatcher {
  /** Give this to `createTwilioSms` as `baseUrl`. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

const MESSAGES = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const MAX_BODY = 16 * 1024;

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startSmsCatcher(mailbox: MailCatcher): Promise<SmsCatcher> {
  let sent = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const match = MESSAGES.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return answer(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (!req.headers.authorization?.startsWith('Basic ')) return answer(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const to = form.get('To');
      const text = form.get('Body');
      if (!to || !text) return answer(res, 400, { code: 21604, message: "A 'To' phone number and a 'Body' are required.", status: 400 });
      mailbox.record({ channel: 'sms', to, from: form.get('From') ?? form.get('MessagingServiceSid') ?? '', subject: '', text, messageId: null });
      const sid = `SM${(++sent).toString(16).padStart(32, '0')}`;
      answer(res, 201, { sid, account_sid: match[1], to, body: text, status: 'queued' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
