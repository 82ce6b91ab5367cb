// A server component: rendered on the server, with the checkout as a client component inside.
import { Checkout } from './checkout';

export default function CheckoutPage() {
  return (
    <main>
      <h1>Checkout</h1>
      <p>Two bags of the house blend, delivered in 2–4 days.</p>
      <Checkout />
    </main>
  );
}
