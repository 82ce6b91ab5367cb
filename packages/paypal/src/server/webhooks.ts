/**
 * PayPal webhook verification, before anything acts on an event (SECURITY R13).
 *
 * - `api`: PayPal's `POST /v1/notifications/verify-webhook-signature`.
 * - `offline`: PayPal's documented signature check: the transmission id, time, our webhook id and
 *   the CRC32 of the exact raw body, joined by `|`, signed with SHA256withRSA by the certificate
 *   at `paypal-cert-url`.
 *
 * Either way, the certificate URL must be an https URL on PayPal's own API hosts: any other URL is
 * refused before anything is fetched (a forged event could otherwise point us at a key it owns).
 * The transmission time must be within 5 minutes of now, both ways.
 */
import { createVerify, X509Certificate } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { WebhookVerificationError, type ProviderEvent, type ProviderPaymentResult } from '@omni-checkout/core';
import type { Capture, Order, PayPalApi, PayPalRefund, VerifyWebhookSignatureRequest, VerifyWebhookSignatureResponse } from './api.js';
import { paypalRefundStatus } from './money-out.js';

export type WebhookVerification = 'api' | 'offline';

export const PAYPAL_CERT_HOSTS: readonly string[] = ['api.paypal.com', 'api-m.paypal.com', 'api.sandbox.paypal.com', 'api-m.sandbox.paypal.com'];

export const WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

/** True only for `https://<PayPal API host>/v1/notifications/certs/…` with no credentials or port. */
export function isPinnedCertUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    PAYPAL_CERT_HOSTS.includes(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.startsWith('/v1/notifications/certs/')
  );
}

/** A webhook event as PayPal posts it (the fields we read). */
export interface PayPalWebhookEvent {
  readonly id: string;
  readonly event_type: string;
  readonly resource_type?: string;
  readonly create_time?: string;
  readonly resource: Record<string, unknown>;
}

interface VerifierOptions {
  readonly api: PayPalApi;
  readonly webhookId: string | undefined;
  readonly mode: WebhookVerification;
  readonly fetchCertificate: (url: string) => Promise<string>;
}

function header(headers: Headers, name: string): string {
  const value = headers.get(name);
  if (!value) throw new WebhookVerificationError(`Missing ${name} header`);
  return value;
}

export function createWebhookVerifier(options: VerifierOptions) {
  const certificates = new Map<string, Promise<X509Certificate>>();

  function certificate(url: string): Promise<X509Certificate> {
    let cert = certificates.get(url);
    if (!cert) {
      cert = options.fetchCertificate(url).then((pem) => new X509Certificate(pem));
      cert.catch(() => certificates.delete(url));
      certificates.set(url, cert);
    }
    return cert;
  }

  return async function verify(rawBody: string, headers: Headers, now: Date): Promise<ProviderEvent> {
    const webhookId = options.webhookId;
    if (!webhookId) throw new WebhookVerificationError('No PayPal webhook id is configured: cannot verify webhooks');
    const transmissionId = header(headers, 'paypal-transmission-id');
    const transmissionTime = header(headers, 'paypal-transmission-time');
    const signature = header(headers, 'paypal-transmission-sig');
    const certUrl = header(headers, 'paypal-cert-url');
    const algorithm = header(headers, 'paypal-auth-algo');
    // Before anything is fetched or parsed.
    if (!isPinnedCertUrl(certUrl)) throw new WebhookVerificationError('paypal-cert-url is not on a PayPal host');
    const sentAt = Date.parse(transmissionTime);
    if (Number.isNaN(sentAt) || Math.abs(now.getTime() - sentAt) > WEBHOOK_TOLERANCE_MS) {
      throw new WebhookVerificationError('paypal-transmission-time is outside the tolerance');
    }
    let event: PayPalWebhookEvent;
    try {
      event = JSON.parse(rawBody) as PayPalWebhookEvent;
    } catch {
      throw new WebhookVerificationError('The webhook body is not JSON');
    }
    if (typeof event?.id !== 'string' || typeof event.event_type !== 'string' || typeof event.resource !== 'object' || !event.resource) {
      throw new WebhookVerificationError('The webhook body is not a PayPal event');
    }

    if (options.mode === 'offline') {
      if (algorithm !== 'SHA256withRSA') throw new WebhookVerificationError(`Unsupported paypal-auth-algo ${algorithm}`);
      const cert = await certificate(certUrl).catch(() => {
        throw new WebhookVerificationError('Could not load the PayPal certificate');
      });
      if (Date.parse(cert.validTo) < now.getTime() || Date.parse(cert.validFrom) > now.getTime()) {
        throw new WebhookVerificationError('The PayPal certificate is not valid now');
      }
      const message = `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(Buffer.from(rawBody, 'utf8')) >>> 0}`;
      const ok = createVerify('RSA-SHA256').update(message).verify(cert.publicKey, signature, 'base64');
      if (!ok) throw new WebhookVerificationError('The PayPal signature does not match');
    } else {
      const request: VerifyWebhookSignatureRequest = {
        auth_algo: algorithm,
        cert_url: certUrl,
        transmission_id: transmissionId,
        transmission_sig: signature,
        transmission_time: transmissionTime,
        webhook_id: webhookId,
        webhook_event: event,
      };
      const answer = await options.api.request<VerifyWebhookSignatureResponse>('POST', '/v1/notifications/verify-webhook-signature', { body: request });
      if (answer.verification_status !== 'SUCCESS') throw new WebhookVerificationError('PayPal did not verify the signature');
    }
    return toProviderEvent(event);
  };
}

/** What the backend acts on: the order the event is about and the payment state it reports. */
export function toProviderEvent(event: PayPalWebhookEvent): ProviderEvent {
  const base = { id: event.id, type: event.event_type };
  const resource = event.resource;
  // A refund's own state (PAYMENT.CAPTURE.REFUNDED carries the capture, not the refund: not used here).
  if (event.event_type.startsWith('PAYMENT.REFUND.')) {
    const refund = resource as PayPalRefund;
    if (!refund.id) return { ...base, reference: null, outcome: null };
    return { ...base, reference: null, outcome: null, refund: { reference: refund.id, status: paypalRefundStatus(refund.status) } };
  }
  if (event.event_type.startsWith('PAYMENT.CAPTURE.')) {
    const capture = resource as Capture & { supplementary_data?: { related_ids?: { order_id?: string } } };
    const orderId = capture.supplementary_data?.related_ids?.order_id ?? null;
    if (!orderId) return { ...base, reference: null, outcome: null };
    // Our session id, echoed by PayPal (`custom_id`): finds the session even when no confirm recorded the order (tab closed).
    const sessionId = capture.custom_id ?? null;
    let outcome: ProviderPaymentResult | null = null;
    switch (event.event_type) {
      case 'PAYMENT.CAPTURE.COMPLETED':
        outcome = { status: 'succeeded', reference: orderId };
        break;
      case 'PAYMENT.CAPTURE.PENDING':
        outcome = { status: 'processing', reference: orderId };
        break;
      case 'PAYMENT.CAPTURE.DENIED':
      case 'PAYMENT.CAPTURE.DECLINED':
        outcome = { status: 'failed', reference: orderId, code: 'card_declined', message: 'PayPal declined the capture.', declineCode: 'capture_declined' };
        break;
    }
    return { ...base, reference: orderId, sessionId, outcome };
  }
  if (event.event_type.startsWith('CHECKOUT.ORDER.')) {
    const order = resource as Order;
    const reference = order.id ?? null;
    // An approved order is not paid yet; a completed one is paid when its capture completed.
    const capture = order.purchase_units?.[0]?.payments?.captures?.[0];
    const outcome: ProviderPaymentResult | null =
      reference && event.event_type === 'CHECKOUT.ORDER.COMPLETED' && capture?.status === 'COMPLETED'
        ? { status: 'succeeded', reference }
        : reference && event.event_type === 'CHECKOUT.ORDER.APPROVED'
          ? { status: 'processing', reference }
          : null;
    const approved = Boolean(reference) && event.event_type === 'CHECKOUT.ORDER.APPROVED';
    return { ...base, reference, sessionId: order.purchase_units?.[0]?.custom_id ?? null, outcome, ...(approved ? { approved } : {}) };
  }
  return { ...base, reference: null, outcome: null };
}
