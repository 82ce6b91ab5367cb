import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'Order updates',
  email: 'By email',
  sms: 'By SMS',
  both: 'By email and SMS',
  phone: 'Mobile number',
  hint: 'We text you when your order is confirmed, ships and arrives, with a link to follow it.',
  required: 'Enter your mobile number to get updates by SMS.',
  invalid: (example) => `Enter a mobile number like ${example}.`,
} satisfies OrderUpdatesTranslation;
