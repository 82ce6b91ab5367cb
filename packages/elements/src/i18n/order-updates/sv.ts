import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'Orderuppdateringar',
  email: 'Via e-post',
  sms: 'Via sms',
  both: 'Via e-post och sms',
  phone: 'Mobilnummer',
  hint: 'Vi skickar ett sms när din order har bekräftats, skickats och levererats, med en länk för att följa den.',
  required: 'Ange ditt mobilnummer för att få sms.',
  invalid: (example) => `Ange ett mobilnummer som ${example}.`,
} satisfies OrderUpdatesTranslation;
