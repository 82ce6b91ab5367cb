/** Test doubles of PayPal: the loopback REST fake (Node) and the throw-away webhook certificate. */
export { startPayPalRestFake, type PayPalRestFake, type PayPalRestFakeOptions, type Approval, type Funding, type FakeOrder } from './rest-fake.js';
export { TEST_WEBHOOK_CERT } from './webhook-test-keys.js';
export { routePayPal, sdkDoubleScript, PAYPAL_SDK_URL, type Routable, type RouteLike } from './sdk-double-route.js';
