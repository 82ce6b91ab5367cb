import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'Code BLIK',
  blikHint: 'Ouvrez votre application bancaire, générez un code BLIK et saisissez ses 6 chiffres.',
  blikInvalid: 'Saisissez les 6 chiffres de votre code BLIK.',
  blikApprove: 'Confirmez le paiement dans votre application bancaire.',
  scan: (method) => `Scannez le code avec ${method} sur votre téléphone, puis validez-y le paiement.`,
  qrLabel: (method) => `Code QR ${method}`,
  waiting: 'En attente de votre paiement…',
  failed: 'Le paiement n’a pas abouti : rien n’a été débité. Choisissez un moyen de paiement et réessayez.',
  canceled: 'Le paiement n’a pas été finalisé : rien n’a été débité. Payez à nouveau quand vous êtes prêt.',
} satisfies LocalPayTranslation;
