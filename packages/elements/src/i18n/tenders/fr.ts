import type { TenderTranslation } from './index.js';

export default {
  add: 'Ajouter une carte cadeau',
  codeLabel: 'Code de la carte cadeau',
  codeHint: 'Le code figurant sur votre carte ou dans votre e-mail, par ex. XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'Appliquer',
  applying: 'Application…',
  card: (last4) => `Carte cadeau •••• ${last4}`,
  storeCredit: 'Avoir',
  useStoreCredit: (amount) => `Utiliser votre avoir (${amount})`,
  remove: 'Retirer',
  removeLabel: (what) => `Retirer : ${what}`,
  toPay: 'Reste à payer',
  applied: (what, amount) => `${what} appliqué(e) : ${amount}.`,
  covered: 'Votre carte cadeau ou votre avoir règle toute la commande.',
  placeOrder: (amount) => `Passer la commande (${amount})`,
  errors: {
    empty: 'Saisissez le code de votre carte cadeau.',
    notFound: 'Aucune carte cadeau ne correspond à ce code. Vérifiez le code et réessayez.',
    inactive: 'Cette carte cadeau a expiré ou ne peut plus être utilisée.',
    noBalance: 'Cette carte cadeau n’a plus de solde.',
    currency: 'Cette carte cadeau est dans une autre devise que cette commande.',
    tooMany: 'Trop de codes essayés. Réessayez plus tard.',
    alreadyCovered: 'Ce que vous avez appliqué règle déjà toute la commande.',
    generic: 'Impossible de l’appliquer. Veuillez réessayer.',
  },
} satisfies TenderTranslation;
