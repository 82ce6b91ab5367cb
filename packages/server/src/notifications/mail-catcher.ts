/**
 * A loopback SMTP server that keeps what it receives: the dev mailbox of the demo (outside
 * production, when no `SMTP_URL` is configured) and the inbox tests read one-time codes from.
 * It binds 127.0.0.1 on the given port (0: any free port) and accepts no remote connections.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMessage {
  readonly id: number;
  readonly channel: 'email' | 'sms';
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string | null;
  readonly receivedAt: string;
}

export interface MailCatcher {
  readonly port: number;
  /** SMTP URL to give nodemailer. */
  readonly url: string;
  /** Everything received, oldest first. */
  messages(): readonly CaughtMessage[];
  /** Records an SMS (the dev SMS sender shows texts in the same mailbox). */
  record(message: Omit<CaughtMessage, 'id' | 'receivedAt'>): void;
  /** Resolves with the first message (already received or arriving later) that matches. */
  waitFor(match: (message: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  close(): Promise<void>;
}

/** Keeps at most this many messages (oldest dropped first). */
const MAX_MESSAGES = 500;

export async function startMailCatcher(port = 0): Promise<MailCatcher> {
  const received: CaughtMessage[] = [];
  const waiters = new Set<{ match: (m: CaughtMessage) => boolean; resolve: (m: CaughtMessage) => void }>();
  let nextId = 1;

  function record(message: Omit<CaughtMessage, 'id' | 'receivedAt'>): void {
    const full: CaughtMessage = { ...message, id: nextId++, receivedAt: new Date().toISOString() };
    received.push(full);
    if (received.length > MAX_MESSAGES) received.shift();
    for (const waiter of waiters) {
      if (waiter.match(full)) {
        waiters.delete(waiter);
        waiter.resolve(full);
      }
    }
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'omni-checkout dev mailbox',
    logger: false,
    size: 1024 * 1024,
    onConnect(session, callback) {
      const address = session.remoteAddress.replace(/^::ffff:/, '');
      if (address === '127.0.0.1' || address === '::1') callback();
      else callback(new Error('The dev mailbox accepts loopback connections only'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
          record({
            channel: 'email',
            to,
            from: typeof session.envelope.mailFrom === 'object' ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? null,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  const listening = await new Promise<number>((resolve, reject) => {
    const net = server.listen(port, '127.0.0.1', () => {
      const address = net.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
    net.once('error', reject);
  });

  return {
    port: listening,
    url: `smtp://127.0.0.1:${listening}`,
    messages: () => [...received],
    record,
    waitFor(match, timeoutMs = 10_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (m: CaughtMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
