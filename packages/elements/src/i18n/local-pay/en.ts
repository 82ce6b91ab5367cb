import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'BLIK code',
  blikHint: 'Open your banking app, generate a BLIK code and enter its 6 digits.',
  blikInvalid: 'Enter the 6 digits of your BLIK code.',
  blikApprove: 'Confirm the payment in your banking app.',
  scan: (method) => `Scan the code with ${method} on your phone, then approve the payment there.`,
  qrLabel: (method) => `${method} QR code`,
  waiting: 'Waiting for your payment…',
  failed: 'The payment did not go through, so nothing was charged. Choose a way to pay and try again.',
  canceled: 'The payment was not completed, so nothing was charged. Pay again when you are ready.',
} satisfies LocalPayTranslation;
