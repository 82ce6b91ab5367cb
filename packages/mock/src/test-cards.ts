/**
 * Test cards of the mock provider. The numbers are Stripe's published test numbers, so a person
 * who knows Stripe's test mode knows these. The client half turns a number into a payment-method
 * token carrying only the scenario and last 4; the server half decides the outcome from it.
 */
export type MockScenario = 'success' | 'decline' | 'insufficient_funds' | 'three_d_secure';

export const TEST_CARDS = {
  success: '4242424242424242',
  decline: '4000000000000002',
  insufficient_funds: '4000000000009995',
  three_d_secure: '4000000000003220',
} as const satisfies Record<MockScenario, string>;

const byNumber = new Map<string, MockScenario>(
  Object.entries(TEST_CARDS).map(([scenario, number]) => [number, scenario as MockScenario]),
);

/** Scenario of a test card number (digits only), or null for any other number. */
export function scenarioForCard(digits: string): MockScenario | null {
  return byNumber.get(digits) ?? null;
}

const TOKEN = /^pm_mock_(success|decline|insufficient_funds|three_d_secure)_(\d{4})$/;

/** The payment-method reference the client half sends to the backend: no card data but last 4. */
export function tokenFor(scenario: MockScenario, last4: string): string {
  return `pm_mock_${scenario}_${last4}`;
}

export function parseToken(token: string): { scenario: MockScenario; last4: string } | null {
  const match = TOKEN.exec(token);
  return match ? { scenario: match[1] as MockScenario, last4: match[2]! } : null;
}
