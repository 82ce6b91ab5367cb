import type { ResumeTranslation } from './index.js';

export default {
  title: 'Continue your checkout',
  text: 'You left a checkout unfinished here on another device. Continue it on this one with the same cart.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `Total ${amount}`,
  continue: 'Continue your checkout',
  dismiss: 'Not now',
  continuing: 'Opening your checkout…',
  unavailable: 'That checkout can no longer be continued. Your cart on this device is still here.',
  failed: 'That did not work. Please try again.',
} satisfies ResumeTranslation;
