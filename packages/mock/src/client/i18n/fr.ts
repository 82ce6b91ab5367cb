import type { MockMessages } from './messages.js';

export default {
  $code: 'fr',
  cardDetails: 'Informations de carte',
  testMode: 'Mode test — utilisez 4242 4242 4242 4242',
  cardNumber: 'Numéro de carte',
  expiry: 'Date d’expiration',
  expiryPlaceholder: 'MM / AA',
  cvc: 'Code de sécurité (CVC)',
  errors: {
    incomplete_number: 'Le numéro de carte est incomplet.',
    invalid_number: 'Le numéro de carte n’est pas valide.',
    incomplete_expiry: 'La date d’expiration de la carte est incomplète.',
    invalid_expiry_month: 'Le mois d’expiration de la carte n’est pas valide.',
    invalid_expiry_year_past: 'La date d’expiration de la carte est dépassée.',
    incomplete_cvc: 'Le code de sécurité de la carte est incomplet.',
  },
  testCardRequired: 'Ceci est un paiement de test : utilisez une carte de test comme 4242 4242 4242 4242.',
  challengeTitle: 'Confirmez votre paiement',
  challengeText: 'Vérification 3-D Secure de test de votre banque',
  approve: 'Approuver',
  cancel: 'Annuler',
  unsupportedAction: 'Le fournisseur de test ne prend pas en charge cette étape du paiement.',
  networkError: 'Impossible de joindre le service de paiement. Vérifiez votre connexion et réessayez.',
  verificationFailed: 'La vérification de la carte n’a pas pu aboutir. Veuillez réessayer.',
} satisfies MockMessages;
