'use client';
// The checkout is a client component: <omni-checkout> is server-rendered as its tag and upgraded in
// the browser once hydrated; the client secret is fetched after hydration and set as a property.
import { useEffect, useState } from 'react';
import { registerProvider } from '@omni-checkout/core/provider';
import { OmniCheckout } from '@omni-checkout/react/checkout';

registerProvider('mock', () => import('@omni-checkout/mock/client'));

interface CheckoutStart {
  readonly clientSecret: string;
  readonly publishableKey: string;
  readonly apiBase: string;
}

export function Checkout() {
  const [start, setStart] = useState<CheckoutStart | null>(null);
  const [status, setStatus] = useState('Preparing a secure checkout…');
  const [orderId, setOrderId] = useState<string | null>(null);

  useEffect(() => {
    fetch('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ productId: 'house-blend', quantity: 2 }] }),
    })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error?.message ?? 'The checkout could not start.');
        setStart(body);
      })
      .catch((error: Error) => setStatus(error.message));
  }, []);

  return (
    <>
      <p role="status" data-hydrated={start ? 'yes' : undefined}>
        {orderId ? `Thank you! Order ${orderId} is paid.` : status}
      </p>
      {start && !orderId && (
        <OmniCheckout
          publishableKey={start.publishableKey}
          apiBase={start.apiBase}
          clientSecret={start.clientSecret}
          onOmniReady={() => setStatus('')}
          onOmniLoadError={(event) => setStatus(event.message)}
          onOmniComplete={(event) => setOrderId(event.orderId)}
        />
      )}
    </>
  );
}
