import type { ResumeTranslation } from './index.js';

export default {
  title: 'Checkout fortsetzen',
  text: 'Sie haben hier auf einem anderen Gerät einen Checkout nicht abgeschlossen. Setzen Sie ihn auf diesem Gerät mit demselben Warenkorb fort.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `Gesamt ${amount}`,
  continue: 'Checkout fortsetzen',
  dismiss: 'Nicht jetzt',
  continuing: 'Ihr Checkout wird geöffnet…',
  unavailable: 'Dieser Checkout kann nicht mehr fortgesetzt werden. Ihr Warenkorb auf diesem Gerät bleibt erhalten.',
  failed: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
} satisfies ResumeTranslation;
