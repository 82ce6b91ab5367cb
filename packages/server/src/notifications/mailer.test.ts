/**
 * The SMTP mailer reuses its connections: a burst of order emails (the outbox sends several side by
 * side) goes over a few open SMTP conversations, not one new conversation per message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createSmtpMailer, smtpTransportUrl } from './mailer.js';

let server: SMTPServer;
let port = 0;
let connections = 0;
const received: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createSmtpMailer', () => {
  it('sends twenty messages over at most five SMTP connections, each message once', async () => {
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Shop <no-reply@shop.example>' });
    connections = 0;
    received.length = 0;
    const to = Array.from({ length: 20 }, (_, i) => `shopper${i}@example.com`);
    await Promise.all(to.map((address, i) => mailer.send({ to: address, subject: `Order ${i}`, text: 'Thank you' })));
    mailer.close();
    expect(received.sort()).toEqual([...to].sort());
    // One connection per message without the pool (20); nodemailer's pool opens at most five.
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(5);
  });

  it('opens a connection per message when the URL turns the pool off', async () => {
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}/?pool=false`, from: 'Shop <no-reply@shop.example>' });
    connections = 0;
    for (let i = 0; i < 3; i++) await mailer.send({ to: `one${i}@example.com`, subject: 'Order', text: 'Thank you' });
    mailer.close();
    expect(connections).toBe(3);
  });
});

describe('smtpTransportUrl', () => {
  it('adds the pool to a URL that does not mention it, and keeps credentials and other settings', () => {
    const url = new URL(smtpTransportUrl('smtps://user:p%40ss@mail.example:465/?maxConnections=2'));
    expect(url.searchParams.get('pool')).toBe('true');
    expect(url.searchParams.get('maxConnections')).toBe('2');
    expect(decodeURIComponent(url.password)).toBe('p@ss');
    expect(url.host).toBe('mail.example:465');
  });

  it('leaves an explicit pool setting as it is', () => {
    expect(new URL(smtpTransportUrl('smtp://relay.example:587?pool=false')).searchParams.get('pool')).toBe('false');
  });
});
