import { describe, expect, it, vi } from 'vitest';
import { OmniApiError } from './errors.js';
import { createHandoffClient, readEventStream, redeemHandoff } from './handoff-client.js';
import type { HandoffStatus } from './handoff.js';

const status = (state: HandoffStatus['state']): HandoffStatus => ({
  object: 'handoff_status',
  sessionId: 'cs_1',
  state,
  openedAt: null,
  paidChannel: null,
  paidDevice: null,
  orderId: state === 'paid' ? 'ord_1' : null,
});

function bytesOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function eventsOf(chunks: (string | Uint8Array)[]): Promise<[string, string][]> {
  const events: [string, string][] = [];
  await readEventStream(bytesOf(chunks), (name, data) => events.push([name, data]));
  return events;
}

const sse = (states: HandoffStatus['state'][]) => states.map((state) => `event: status\ndata: ${JSON.stringify(status(state))}\n\n`).join('');
const eventStream = (body: string) => new Response(bytesOf([body]), { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });

describe('readEventStream', () => {
  it('reads several events from one chunk, each on its own', async () => {
    expect(await eventsOf(['data: a\n\ndata: b\n\n'])).toEqual([
      ['message', 'a'],
      ['message', 'b'],
    ]);
  });

  it('accepts CR and CRLF line endings and a blank line before the first event', async () => {
    expect(await eventsOf(['\n\ndata: a\r\rdata: b\r\n\r\n'])).toEqual([
      ['message', 'a'],
      ['message', 'b'],
    ]);
  });

  it('decodes a character split across chunks', async () => {
    const euro = new TextEncoder().encode('data: 5 €\n\n');
    // '€' is three bytes; cut inside it.
    expect(await eventsOf([euro.slice(0, 10), euro.slice(10)])).toEqual([['message', '5 €']]);
  });

  it('follows the field rules: one optional space after the colon, a field without colon, other fields ignored', async () => {
    expect(await eventsOf(['data:a b\n\n', 'data:  two spaces\n\n', 'data\n\n', 'data:\ndata\n\n', 'id: 7\nretry: 10\nevent: x\ndata: y\n\n'])).toEqual([
      ['message', 'a b'],
      ['message', ' two spaces'],
      ['message', ''],
      ['message', '\n'],
      ['x', 'y'],
    ]);
  });

  it('delivers nothing when the signal is already aborted, and stops a stream that never ends when it aborts', async () => {
    const aborted = AbortSignal.abort();
    const before: string[] = [];
    await readEventStream(bytesOf(['data: a\n\n']), (_, data) => before.push(data), aborted);
    expect(before).toEqual([]);

    const controller = new AbortController();
    const endless = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('data: first\n\n'));
      },
    });
    const seen: string[] = [];
    const reading = readEventStream(endless, (_, data) => (seen.push(data), controller.abort()), controller.signal);
    await expect(reading).resolves.toBeUndefined();
    expect(seen).toEqual(['first']);
  }, 2000);
});

describe('createHandoffClient', () => {
  const options = { apiBase: 'https://api.test//', publishableKey: 'pk_test_x', clientSecret: 'cs_1_secret_abc' };

  it('creates a token and reads the status on the session’s handoff path', async () => {
    const seen: string[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push(`${init.method} ${url} ${init.body ?? ''}`);
      return Response.json(url.endsWith('/handoff') && init.method === 'POST' ? { object: 'handoff_token', token: 'T', expiresAt: '' } : status('opened'));
    }) as typeof globalThis.fetch;
    const client = createHandoffClient({ ...options, fetch });
    await expect(client.create()).resolves.toMatchObject({ object: 'handoff_token' });
    await expect(client.status()).resolves.toMatchObject({ state: 'opened' });
    expect(seen).toEqual([
      'POST https://api.test/v1/client/checkout-sessions/cs_1/handoff {}',
      'GET https://api.test/v1/client/checkout-sessions/cs_1/handoff ',
    ]);
  });

  it('opens the stream without cookies or referrer, asks for an event stream, and reports each state once', async () => {
    const inits: RequestInit[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      inits.push(init);
      expect(url).toBe('https://api.test/v1/client/checkout-sessions/cs_1/handoff/events');
      return eventStream(`: hi\n\nevent: ping\ndata: 1\n\n${sse(['waiting', 'waiting', 'opened', 'opened', 'paid', 'paid'])}`);
    }) as typeof globalThis.fetch;
    const seen: string[] = [];
    await createHandoffClient({ ...options, fetch }).watch((s, via) => seen.push(`${s.state}/${via}`), { signal: new AbortController().signal });
    expect(seen).toEqual(['waiting/events', 'opened/events', 'paid/events']);
    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(inits[0]!.headers).toMatchObject({ accept: 'text/event-stream', authorization: 'Bearer cs_1_secret_abc', 'omni-publishable-key': 'pk_test_x' });
  });

  /** A fake backend whose event stream answers `events(n)` at the n-th attempt; every status poll answers `poll(n)`. */
  function backend(events: (attempt: number) => Response, poll: (n: number) => HandoffStatus['state']) {
    const controller = new AbortController();
    const log: string[] = [];
    let attempts = 0;
    let polls = 0;
    const fetch = (async (url: string) => {
      // A safety net: a client that never stops is cut off (and then fails the test's expectations);
      // one that ignores the abort still yields to the timers, so the test times out instead of hanging.
      if (log.length > 40) {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      if (url.endsWith('/events')) {
        log.push('stream');
        return events(attempts++);
      }
      log.push('poll');
      return Response.json(status(poll(polls++)));
    }) as typeof globalThis.fetch;
    return { controller, log, fetch };
  }

  it('polls when the server answers a web page instead of an event stream', async () => {
    const { controller, log, fetch } = backend(
      () => new Response(`<!doctype html>${sse(['paid'])}`, { headers: { 'content-type': 'text/html' } }),
      (n) => (n === 0 ? 'opened' : 'paid'),
    );
    const seen: string[] = [];
    await createHandoffClient({ ...options, fetch }).watch((s, via) => seen.push(`${s.state}/${via}`), { signal: controller.signal, pollMs: 1 });
    expect(seen).toEqual(['opened/polling', 'paid/polling']);
    expect(log).toEqual(['stream', 'poll', 'poll']);
  }, 2000);

  it('polls five times, then tries the stream again', async () => {
    const { controller, log, fetch } = backend(
      (attempt) => (attempt === 0 ? new Response('', { status: 503 }) : eventStream(sse(['paid']))),
      () => 'waiting',
    );
    const seen: string[] = [];
    await createHandoffClient({ ...options, fetch }).watch((s, via) => seen.push(`${s.state}/${via}`), { signal: controller.signal, pollMs: 1 });
    expect(log).toEqual(['stream', 'poll', 'poll', 'poll', 'poll', 'poll', 'stream']);
    expect(seen).toEqual(['waiting/polling', 'paid/events']);
  }, 2000);

  it('waits pollMs between polls, keeps polling through an outage, and stops at once when aborted', async () => {
    const { controller, log, fetch } = backend(() => new Response('', { status: 502 }), () => 'waiting');
    let failNext = true;
    const flaky = (async (url: string, init: RequestInit) => {
      if (!url.endsWith('/events') && failNext) {
        failNext = false;
        log.push('offline');
        throw new TypeError('Failed to fetch');
      }
      return fetch(url, init);
    }) as typeof globalThis.fetch;
    const seen: string[] = [];
    // The poll interval on a fake clock: what happens at each moment, whatever the machine's load.
    vi.useFakeTimers();
    try {
      const watching = createHandoffClient({ ...options, fetch: flaky }).watch((s, via) => seen.push(`${s.state}/${via}`), {
        signal: controller.signal,
        pollMs: 400,
      });
      // The stream fails, the first poll goes out at once and fails (offline).
      await vi.advanceTimersByTimeAsync(0);
      expect(log).toEqual(['stream', 'offline']);
      // The next poll waits the interval, not a millisecond less.
      await vi.advanceTimersByTimeAsync(399);
      expect(log).toEqual(['stream', 'offline']);
      await vi.advanceTimersByTimeAsync(1);
      expect(log).toEqual(['stream', 'offline', 'poll']);
      expect(seen).toEqual(['waiting/polling']);
      await vi.advanceTimersByTimeAsync(399);
      expect(log).toEqual(['stream', 'offline', 'poll']);
      // Aborted while sleeping: the watch ends without the clock moving on.
      controller.abort();
      await watching;
      expect(log).toEqual(['stream', 'offline', 'poll']);
    } finally {
      vi.useRealTimers();
    }
  }, 2000);

  it('a stream that closes at once is reopened after the poll interval, not in a tight loop', async () => {
    // A proxy that answers 200 text/event-stream and closes at once, then the shopper pays.
    const { controller, log, fetch } = backend((n) => eventStream(n < 3 ? sse(['waiting']) : sse(['paid'])), () => 'waiting');
    const seen: string[] = [];
    vi.useFakeTimers();
    try {
      const watching = createHandoffClient({ ...options, fetch }).watch((s, via) => seen.push(`${s.state}/${via}`), { signal: controller.signal, pollMs: 1000 });
      await vi.advanceTimersByTimeAsync(999);
      expect(log).toEqual(['stream']);
      await vi.advanceTimersByTimeAsync(1);
      expect(log).toEqual(['stream', 'stream']);
      await vi.advanceTimersByTimeAsync(2000);
      await watching;
      expect(log).toEqual(['stream', 'stream', 'stream', 'stream']);
      expect(seen).toEqual(['waiting/events', 'paid/events']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not wait out the poll interval once a poll says paid', async () => {
    const { controller, fetch } = backend(() => new Response('', { status: 502 }), () => 'paid');
    const seen: string[] = [];
    await createHandoffClient({ ...options, fetch }).watch((s, via) => seen.push(`${s.state}/${via}`), { signal: controller.signal, pollMs: 60_000 });
    expect(seen).toEqual(['paid/polling']);
  }, 2000);
});

describe('redeemHandoff', () => {
  const options = { apiBase: 'https://api.test//', publishableKey: 'pk_test_x' };

  it('posts the token in the body with the publishable key only, without cookies or referrer', async () => {
    const calls: [string, RequestInit][] = [];
    const answer = { object: 'handoff_device', sessionId: 'cs_1', clientSecret: 'cs_1_secret_dev', deviceId: 'hd_1' };
    const fetch = (async (url: string, init: RequestInit) => (calls.push([url, init]), Response.json(answer))) as typeof globalThis.fetch;
    await expect(redeemHandoff({ ...options, fetch }, 'AAAAAAAAAAAAAAAAAAAAAA')).resolves.toEqual(answer);
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0]!;
    expect(url).toBe('https://api.test/v1/client/handoff/redeem');
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(init.headers).toEqual({ 'omni-publishable-key': 'pk_test_x', 'content-type': 'application/json' });
    expect(JSON.parse(String(init.body))).toEqual({ token: 'AAAAAAAAAAAAAAAAAAAAAA' });
  });

  it('rejects with the backend’s code and message, a generic error without one, and network_error offline', async () => {
    const refused = (async () =>
      Response.json({ error: { code: 'handoff_token_invalid', message: 'This link was already used.' } }, { status: 410 })) as unknown as typeof fetch;
    await expect(redeemHandoff({ ...options, fetch: refused }, 'x')).rejects.toMatchObject({
      code: 'handoff_token_invalid',
      message: 'This link was already used.',
      status: 410,
    });
    const broken = (async () => new Response('Bad gateway', { status: 502 })) as unknown as typeof fetch;
    const error = await redeemHandoff({ ...options, fetch: broken }, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmniApiError);
    expect(error).toMatchObject({ code: 'internal_error', status: 502, message: 'Something went wrong on our side.' });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(redeemHandoff({ ...options, fetch: offline }, 'x')).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });
});
