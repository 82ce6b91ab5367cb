// The merchant's server part in Next.js: prices the cart and creates the checkout session with the
// SECRET key (server-only environment variables), then hands the browser its client secret.
import { NextResponse } from 'next/server';

const CATALOGUE: Record<string, { name: string; unitAmount: number }> = {
  'house-blend': { name: 'House blend, 250 g', unitAmount: 1290 },
  'pour-over-dripper': { name: 'Pour-over dripper', unitAmount: 2400 },
};

export async function POST(request: Request) {
  const apiBase = (process.env.OMNI_API_BASE ?? 'http://localhost:8787').replace(/\/+$/, '');
  const secretKey = process.env.OMNI_SECRET_KEY;
  const publishableKey = process.env.OMNI_PUBLISHABLE_KEY;
  if (!secretKey || !publishableKey) {
    return NextResponse.json({ error: { code: 'not_configured', message: 'Set OMNI_SECRET_KEY and OMNI_PUBLISHABLE_KEY.' } }, { status: 500 });
  }
  const body = (await request.json().catch(() => null)) as { items?: { productId?: string; quantity?: number }[] } | null;
  const lineItems = [];
  for (const { productId = '', quantity = 0 } of body?.items ?? []) {
    const product = CATALOGUE[productId];
    if (!product || !Number.isInteger(quantity) || quantity < 1 || quantity > 99) {
      return NextResponse.json({ error: { code: 'validation_failed', message: 'Unknown product or quantity.' } }, { status: 400 });
    }
    lineItems.push({ id: productId, name: product.name, unitAmount: product.unitAmount, quantity });
  }
  if (lineItems.length === 0) return NextResponse.json({ error: { code: 'validation_failed', message: 'Add at least one product.' } }, { status: 400 });

  const response = await fetch(`${apiBase}/v1/checkout-sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      currency: 'EUR',
      country: 'DE',
      locale: 'en',
      channel: 'web',
      lineItems,
      shippingOptions: [
        { id: 'standard', label: 'Standard delivery', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } },
        { id: 'express', label: 'Express delivery', amount: 990, deliveryEstimate: { minDays: 1, maxDays: 1 } },
      ],
    }),
    cache: 'no-store',
  });
  if (response.status !== 201 && response.status !== 200) {
    return NextResponse.json({ error: { code: 'backend_error', message: 'The payment service could not start a checkout.' } }, { status: 502 });
  }
  const session = (await response.json()) as { id: string; clientSecret: string };
  return NextResponse.json({ clientSecret: session.clientSecret, publishableKey, apiBase, sessionId: session.id }, { status: 201, headers: { 'cache-control': 'no-store' } });
}
