import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'Suivi de commande',
  email: 'Par e-mail',
  sms: 'Par SMS',
  both: 'Par e-mail et SMS',
  phone: 'Numéro de mobile',
  hint: 'Nous vous envoyons un SMS quand votre commande est confirmée, expédiée et livrée, avec un lien pour la suivre.',
  required: 'Saisissez votre numéro de mobile pour recevoir les SMS.',
  invalid: (example) => `Saisissez un numéro de mobile comme ${example}.`,
} satisfies OrderUpdatesTranslation;
