import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'Benachrichtigungen zur Bestellung',
  email: 'Per E-Mail',
  sms: 'Per SMS',
  both: 'Per E-Mail und SMS',
  phone: 'Handynummer',
  hint: 'Wir schicken Ihnen eine SMS, wenn Ihre Bestellung bestätigt, versandt und zugestellt ist, mit einem Link zur Sendungsverfolgung.',
  required: 'Geben Sie Ihre Handynummer ein, um SMS zu erhalten.',
  invalid: (example) => `Geben Sie eine Handynummer wie ${example} ein.`,
} satisfies OrderUpdatesTranslation;
