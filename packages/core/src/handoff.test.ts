import { describe, expect, it } from 'vitest';
import { createHandoffClient, handoffLink, handoffTokenFromHash, readEventStream } from './handoff-client.js';
import {
  CreateHandoffResponse,
  HandoffStatus as HandoffStatusSchema,
  HandoffTokenText,
  RedeemHandoffRequest,
  RedeemHandoffResponse,
  ResumeOffer,
  ResumeOfferResponse,
  ResumeRequest,
  ResumeResponse,
  type HandoffStatus,
} from './handoff.js';

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

describe('handoff schemas', () => {
  it('a handoff token is exactly 22 base64url characters', () => {
    expect(HandoffTokenText.safeParse(TOKEN).success).toBe(true);
    expect(HandoffTokenText.safeParse('abcdefghijklmnopqrs_-9').success).toBe(true);
    for (const token of ['A'.repeat(21), 'A'.repeat(23), `${'A'.repeat(21)}=`, `${'A'.repeat(21)}+`, ` ${TOKEN}`, `${TOKEN} `]) {
      const result = HandoffTokenText.safeParse(token);
      expect(result.success, token).toBe(false);
      expect(result.error!.issues[0]!.message).toBe('Not a handoff token');
    }
  });

  it('the create answer carries a well-formed token', () => {
    const answer = { object: 'handoff_token', token: TOKEN, expiresAt: '2026-01-01T00:10:00Z' };
    expect(CreateHandoffResponse.parse(answer)).toEqual(answer);
    expect(CreateHandoffResponse.safeParse({ ...answer, token: 'short' }).success).toBe(false);
    expect(CreateHandoffResponse.safeParse({ ...answer, object: 'handoff_device' }).success).toBe(false);
  });

  it('a redeem request is just a token of at most 200 characters (checked later, without saying why it fails)', () => {
    expect(RedeemHandoffRequest.safeParse({ token: 'x'.repeat(200) }).success).toBe(true);
    expect(RedeemHandoffRequest.safeParse({ token: 'short' }).success).toBe(true);
    expect(RedeemHandoffRequest.safeParse({ token: 'x'.repeat(201) }).success).toBe(false);
    expect(RedeemHandoffRequest.safeParse({ token: TOKEN, sessionId: 'cs_1' }).success).toBe(false);
    const device = { object: 'handoff_device', sessionId: 'cs_1', clientSecret: 'cs_1_secret_dev', deviceId: 'hd_1' };
    expect(RedeemHandoffResponse.parse(device)).toEqual(device);
    expect(RedeemHandoffResponse.safeParse({ ...device, object: 'resume_device' }).success).toBe(false);
  });

  it('a status is one of the five states, paid only through a handoff channel', () => {
    for (const state of ['none', 'waiting', 'opened', 'paying', 'paid'] as const) {
      expect(HandoffStatusSchema.safeParse(status(state)).success, state).toBe(true);
    }
    expect(HandoffStatusSchema.safeParse({ ...status('paid'), state: 'done' }).success).toBe(false);
    expect(HandoffStatusSchema.safeParse({ ...status('paid'), paidChannel: 'handoff', paidDevice: 'hd_1' }).success).toBe(true);
    expect(HandoffStatusSchema.safeParse({ ...status('paid'), paidChannel: 'web' }).success).toBe(false);
    expect(HandoffStatusSchema.safeParse({ ...status('paid'), object: 'handoff_token' }).success).toBe(false);
  });

  it('a resume offer, its answer and the resume exchange', () => {
    const offer = {
      object: 'resume_offer',
      sessionId: 'cs_2',
      lineItems: [{ name: 'Mug', quantity: 2, unitAmount: 1200 }],
      total: 2400,
      currency: 'EUR',
      touchedAt: '2026-01-01T00:00:00Z',
    };
    expect(ResumeOfferResponse.parse({ offer })).toEqual({ offer });
    expect(ResumeOfferResponse.parse({ offer: null })).toEqual({ offer: null });
    expect(ResumeOffer.safeParse({ ...offer, object: 'handoff_status' }).success).toBe(false);
    expect(ResumeOffer.safeParse({ ...offer, lineItems: [{ name: 'Mug', quantity: 1.5, unitAmount: 1200 }] }).success).toBe(false);
    const resumed = { object: 'resume_device', sessionId: 'cs_2', clientSecret: 'cs_2_secret_dev', deviceId: 'hd_2', shopperToken: 'shtok_1' };
    expect(ResumeResponse.parse(resumed)).toEqual(resumed);
    expect(ResumeResponse.safeParse({ ...resumed, object: 'handoff_device' }).success).toBe(false);
  });

  it('a resume request names a session id of 1 to 64 id characters, nothing else', () => {
    expect(ResumeRequest.safeParse({ sessionId: 'cs_2' }).success).toBe(true);
    expect(ResumeRequest.safeParse({ sessionId: 'c'.repeat(64) }).success).toBe(true);
    for (const sessionId of ['', 'c'.repeat(65), 'cs 2', '/cs_2', 'cs_2/', 'cs_2?x=1']) {
      expect(ResumeRequest.safeParse({ sessionId }).success, sessionId).toBe(false);
    }
    expect(ResumeRequest.safeParse({ sessionId: 'cs_2', clientSecret: 'cs_2_secret_x' }).success).toBe(false);
  });
});
