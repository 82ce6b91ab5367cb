import { useEffect, useRef, useState } from 'react';
import { OmniCheckout, type OmniCheckoutElement } from '@omni-checkout/react/checkout';

interface CheckoutStart {
  readonly clientSecret: string;
  readonly publishableKey: string;
  readonly apiBase: string;
}

/** Asks the merchant's server for a checkout session (it prices the cart with its secret key). */
async function startCheckout(): Promise<CheckoutStart> {
  const response = await fetch('/api/checkout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ productId: 'house-blend', quantity: 2 }] }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? 'The checkout could not start.');
  return body as CheckoutStart;
}

export function App() {
  const [start, setStart] = useState<CheckoutStart | null>(null);
  const [status, setStatus] = useState('Preparing a secure checkout…');
  const [orderId, setOrderId] = useState<string | null>(null);
  // The ref is the <omni-checkout> element itself.
  const checkout = useRef<OmniCheckoutElement>(null);

  useEffect(() => {
    startCheckout().then(setStart, (error: Error) => setStatus(error.message));
  }, []);

  return (
    <main>
      <h1>Checkout</h1>
      <p role="status">{orderId ? `Thank you! Order ${orderId} is paid.` : status}</p>
      {start && !orderId && (
        <OmniCheckout
          ref={checkout}
          publishableKey={start.publishableKey}
          apiBase={start.apiBase}
          clientSecret={start.clientSecret}
          onOmniReady={() => setStatus('')}
          onOmniLoadError={(event) => setStatus(event.message)}
          onOmniComplete={(event) => setOrderId(event.orderId)}
        />
      )}
    </main>
  );
}
