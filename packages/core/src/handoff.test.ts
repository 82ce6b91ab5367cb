import { describe, expect, it } from 'vitest';
import { createHandoffClient, handoffLink, handoffTokenFromHash, readEventStream } from './handoff-client.js';
import type { HandoffStatus } from './handoff.js';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA';
const status = (state: HandoffStatus['state']): HandoffStatus => ({
  object: 'handoff_status',
  sessionId: 'cs_1',
  state,
  openedAt: null,
  paidChannel: null,
  paidDevice: null,
  orderId: state === 'paid' ? 'ord_1' : null,
});

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('handoff links', () => {
  it('puts the token in the fragment and reads it back; anything else is no token', () => {
    const link = handoffLink('https://shop.example/pay?x=1', TOKEN);
    expect(link).toBe(`https://shop.example/pay?x=1#omni-handoff=${TOKEN}`);
    expect(handoffTokenFromHash(new URL(link).hash)).toBe(TOKEN);
    expect(handoffTokenFromHash('#omni-handoff=short')).toBeNull();
    expect(handoffTokenFromHash('')).toBeNull();
  });
});

describe('readEventStream', () => {
  it('reads events split across chunks, skips heartbeats and joins data lines', async () => {
    const events: [string, string][] = [];
    await readEventStream(streamOf(['event: sta', 'tus\ndata: {"a"', ':1}\n\n: ping\n\n', 'data: one\ndata: two\r\n\r\n']), (name, data) =>
      events.push([name, data]),
    );
    expect(events).toEqual([
      ['status', '{"a":1}'],
      ['message', 'one\ntwo'],
    ]);
  });
});

describe('createHandoffClient().watch', () => {
  const options = { apiBase: 'https://api.test', publishableKey: 'pk_test_x', clientSecret: 'cs_1_secret_abc' };

  it('follows the event stream, never goes back to an earlier state, and stops after paid', async () => {
    const sse = (s: HandoffStatus['state'][]) => s.map((state) => `event: status\ndata: ${JSON.stringify(status(state))}\n\n`);
    const requests: string[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
      return new Response(streamOf(sse(['waiting', 'opened', 'waiting', 'paying', 'paid'])), { headers: { 'content-type': 'text/event-stream' } });
    }) as typeof globalThis.fetch;
    const seen: string[] = [];
    await createHandoffClient({ ...options, fetch }).watch((s, via) => seen.push(`${s.state}/${via}`), { signal: new AbortController().signal });
    expect(seen).toEqual(['waiting/events', 'opened/events', 'paying/events', 'paid/events']);
    // One stream, the secret in a header, never in the address.
    expect(requests).toEqual(['https://api.test/v1/client/checkout-sessions/cs_1/handoff/events Bearer cs_1_secret_abc']);
  });

  it('polls when the stream cannot be opened', async () => {
    const answers = ['waiting', 'opened', 'paid'] as const;
    let polls = 0;
    const fetch = (async (input: RequestInfo | URL) => {
      if (String(input).endsWith('/events')) return new Response('nope', { status: 502, headers: { 'content-type': 'text/plain' } });
      return Response.json(status(answers[Math.min(polls++, answers.length - 1)]!));
    }) as typeof globalThis.fetch;
    const seen: string[] = [];
    await createHandoffClient({ ...options, fetch }).watch((s, via) => seen.push(`${s.state}/${via}`), { signal: new AbortController().signal, pollMs: 1 });
    expect(seen).toEqual(['waiting/polling', 'opened/polling', 'paid/polling']);
  });
});
