import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'Powiadomienia o zamówieniu',
  email: 'E-mailem',
  sms: 'SMS-em',
  both: 'E-mailem i SMS-em',
  phone: 'Numer telefonu komórkowego',
  hint: 'Wyślemy SMS, gdy zamówienie zostanie potwierdzone, wysłane i doręczone, z linkiem do śledzenia.',
  required: 'Podaj numer telefonu komórkowego, aby otrzymywać SMS-y.',
  invalid: (example) => `Podaj numer telefonu komórkowego, np. ${example}.`,
} satisfies OrderUpdatesTranslation;
