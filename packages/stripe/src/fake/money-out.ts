/**
 * Money out in the fake Stripe API, typed with the SDK's own types: `POST /v1/refunds`,
 * `GET /v1/refunds/:id`, `POST /v1/payment_intents/:id/capture` and `/cancel`. Refunds never exceed
 * what the PaymentIntent received (Stripe's `amount_too_large`); `refund.created` / `refund.updated`
 * events go out like Stripe's. Kept apart from the other endpoints; routes.ts calls `route` first.
 */
import type Stripe from 'stripe';
import { recordOf, stringOf, type Form } from './form.js';

export interface MoneyOutContext {
  intent(account: string, id: string): Stripe.PaymentIntent | undefined;
  replaceIntent(account: string, intent: Stripe.PaymentIntent): void;
  emit(type: Stripe.Event.Type, object: Stripe.PaymentIntent | Stripe.Refund, account: string): void;
  newId(prefix: string): string;
  now(): number;
}

export type MoneyOutAnswer = { readonly status: number; readonly body: unknown };

type StripeErrorBody = { type: string; code?: string; param?: string; message: string };
const error = (status: number, body: StripeErrorBody): MoneyOutAnswer => ({ status, body });
const missing = (kind: string, value: string, param: string) =>
  error(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${value}'` });

function unknownParams(form: Form, allowed: readonly string[]): MoneyOutAnswer | null {
  const extra = Object.keys(form).find((key) => !allowed.includes(key));
  return extra ? error(400, { type: 'invalid_request_error', code: 'parameter_unknown', param: extra, message: `Received unknown parameter: ${extra}` }) : null;
}

function positiveInteger(form: Form, name: string): number | null | MoneyOutAnswer {
  const raw = stringOf(form[name]);
  if (raw === undefined) return null;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) return error(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: name, message: `Invalid integer: ${raw}` });
  return value;
}

export function createMoneyOut(ctx: MoneyOutContext) {
  const refunds = new Map<string, { account: string; object: Stripe.Refund }>();
  const refundedOf = (pi: string) => [...refunds.values()].filter((r) => r.object.payment_intent === pi && r.object.status !== 'failed').reduce((sum, r) => sum + r.object.amount, 0);

  function createRefund(account: string, form: Form): MoneyOutAnswer {
    const bad = unknownParams(form, ['payment_intent', 'amount', 'metadata', 'reason', 'expand']);
    if (bad) return bad;
    const piId = stringOf(form.payment_intent);
    if (!piId) return error(400, { type: 'invalid_request_error', code: 'parameter_missing', param: 'payment_intent', message: 'Missing required param: payment_intent.' });
    const pi = ctx.intent(account, piId);
    if (!pi) return missing('payment_intent', piId, 'payment_intent');
    if (pi.status !== 'succeeded') {
      return error(400, { type: 'invalid_request_error', code: 'charge_not_refundable', message: `This PaymentIntent (${pi.id}) does not have a successful charge to refund.` });
    }
    const amount = positiveInteger(form, 'amount');
    if (typeof amount === 'object' && amount !== null) return amount;
    const left = pi.amount_received - refundedOf(pi.id);
    const value = amount ?? left;
    if (value > left) {
      return error(400, { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: `Refund amount (${value}) is greater than unrefunded amount on charge (${left})` });
    }
    const reason = stringOf(form.reason);
    const object: Stripe.Refund = {
      id: ctx.newId('re'),
      object: 'refund',
      amount: value,
      balance_transaction: ctx.newId('txn'),
      charge: typeof pi.latest_charge === 'string' ? pi.latest_charge : null,
      created: ctx.now(),
      currency: pi.currency,
      customer: typeof pi.customer === 'string' ? pi.customer : null,
      customer_account: null,
      payment_method: typeof pi.payment_method === 'string' ? pi.payment_method : (pi.payment_method?.id ?? null),
      metadata: recordOf(form.metadata),
      payment_intent: pi.id,
      reason: (reason ?? null) as Stripe.Refund.Reason | null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    refunds.set(object.id, { account, object });
    ctx.emit('refund.created', object, account);
    return { status: 200, body: object };
  }

  function capture(account: string, piId: string, form: Form): MoneyOutAnswer {
    const bad = unknownParams(form, ['amount_to_capture', 'metadata', 'expand']);
    if (bad) return bad;
    const pi = ctx.intent(account, piId);
    if (!pi) return missing('payment_intent', piId, 'intent');
    if (pi.status !== 'requires_capture') {
      return error(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent could not be captured because it has a status of ${pi.status}.` });
    }
    const amount = positiveInteger(form, 'amount_to_capture');
    if (typeof amount === 'object' && amount !== null) return amount;
    const value = amount ?? pi.amount_capturable;
    if (value > pi.amount_capturable) {
      return error(400, { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount_to_capture', message: 'The amount to capture is larger than the amount capturable.' });
    }
    const captured: Stripe.PaymentIntent = { ...pi, status: 'succeeded', amount_received: value, amount_capturable: 0 };
    ctx.replaceIntent(account, captured);
    ctx.emit('payment_intent.succeeded', captured, account);
    return { status: 200, body: captured };
  }

  function cancel(account: string, piId: string, form: Form): MoneyOutAnswer {
    const bad = unknownParams(form, ['cancellation_reason', 'expand']);
    if (bad) return bad;
    const pi = ctx.intent(account, piId);
    if (!pi) return missing('payment_intent', piId, 'intent');
    if (pi.status === 'succeeded' || pi.status === 'canceled' || pi.status === 'processing') {
      return error(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.` });
    }
    const canceled: Stripe.PaymentIntent = {
      ...pi,
      status: 'canceled',
      amount_capturable: 0,
      canceled_at: ctx.now(),
      cancellation_reason: (stringOf(form.cancellation_reason) ?? null) as Stripe.PaymentIntent.CancellationReason | null,
    };
    ctx.replaceIntent(account, canceled);
    ctx.emit('payment_intent.canceled', canceled, account);
    return { status: 200, body: canceled };
  }

  return {
    refunds: (account: string) => [...refunds.values()].filter((r) => r.account === account).map((r) => r.object),
    /** The answer for a money-out path, or null for every other path. */
    route(method: string, path: string, form: Form, key: 'secret' | 'publishable', account: string): MoneyOutAnswer | null {
      const owns = path === '/v1/refunds' || path.startsWith('/v1/refunds/') || /^\/v1\/payment_intents\/[^/]+\/(capture|cancel)$/.test(path);
      if (!owns) return null;
      if (key !== 'secret') return error(401, { type: 'invalid_request_error', message: 'This API call cannot be made with a publishable API key. Please use a secret API key.' });
      let match: RegExpExecArray | null;
      if (method === 'POST' && path === '/v1/refunds') return createRefund(account, form);
      if (method === 'GET' && (match = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
        const found = refunds.get(match[1]!);
        return found && found.account === account ? { status: 200, body: found.object } : missing('refund', match[1]!, 'refund');
      }
      if (method === 'POST' && (match = /^\/v1\/payment_intents\/([^/]+)\/capture$/.exec(path))) return capture(account, match[1]!, form);
      if (method === 'POST' && (match = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) return cancel(account, match[1]!, form);
      return error(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` });
    },
  };
}
