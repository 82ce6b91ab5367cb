/** Test doubles of Stripe (Node side): the loopback HTTP API and the frames the Stripe.js double loads. */
export { FAKE_TEST_CARDS, FAKE_TEST_TOKENS, startFakeStripe, type FakeStripe, type FakeStripeOptions } from './api.js';
export { PAYMENT_FRAME_HTML, THREE_DS_FRAME_HTML } from './frames.js';
