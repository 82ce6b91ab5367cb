import { BRAND_NAMES } from './brands.js';
import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('fr');

const fr = {
  $code: 'fr',
  $name: 'Français',
  $dir: 'ltr',

  loading: 'Chargement du paiement…',
  contact: 'Coordonnées',
  email: 'E-mail',
  shippingAddress: 'Adresse de livraison',
  fullName: 'Nom complet',
  country: 'Pays',
  addressLine1: 'Adresse',
  addressLine2: 'Appartement, bâtiment, étage (facultatif)',
  addAddressLine2: 'Ajouter un appartement, un bâtiment ou un étage',
  city: 'Ville',
  region: 'État, province ou région',
  postalCode: 'Code postal',
  phone: 'Téléphone (facultatif)',
  optional: (label) => `${label} (facultatif)`,

  shippingMethod: 'Mode de livraison',
  free: 'Gratuit',
  deliveryEstimate: (min, max) =>
    min === max
      ? `${count.format(min)} ${min <= 1 ? 'jour ouvré' : 'jours ouvrés'}`
      : `${count.format(min)} à ${count.format(max)} jours ouvrés`,
  payment: 'Paiement',
  expressCheckout: 'Paiement express',

  orderSummary: 'Récapitulatif de la commande',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Sous-total',
  shipping: 'Livraison',
  shippingNotChosen: 'Pas encore choisie',
  total: 'Total',

  pay: (amount) => `Payer ${amount}`,
  paying: (amount) => `Paiement de ${amount} en cours…`,
  verifying: 'Votre banque vérifie le paiement…',
  succeeded: 'Paiement réussi',
  orderNumber: 'Numéro de commande :',

  address: {
    billingAddress: 'Adresse de facturation',
    regionKinds: { area: 'Zone', county: 'Comté', department: 'Département', district: 'District', do_si: 'Province', emirate: 'Émirat', island: 'Île', oblast: 'Oblast', parish: 'Paroisse', prefecture: 'Préfecture', province: 'Province', state: 'État' },
    cityKinds: { city: 'Ville', district: 'District', post_town: 'Ville postale', suburb: 'Banlieue' },
    districtKinds: { district: 'Quartier', neighborhood: 'Voisinage', suburb: 'Banlieue', townland: 'Townland', village_township: 'Village ou commune' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'Code PIN', postal: 'Code postal', zip: 'Code ZIP' },
    sortingCode: 'Code de tri (CEDEX)',
    chooseRegion: 'Choisir…',
    example: (example) => `Par exemple ${example}`,
  },

  paymentMethod: 'Moyen de paiement',
  unavailableInTestMode: 'Indisponible en mode test',
  methods: { ...BRAND_NAMES, card: 'Carte', sepa_debit: 'Prélèvement SEPA', card_installments: 'Carte en plusieurs fois', konbini: 'Konbini (supérette)', cash_on_delivery: 'Paiement à la livraison', gift_card: 'Carte cadeau ou avoir' },

  errors: {
    required: (label) => `Renseignez le champ « ${label} ».`,
    invalidEmail: 'Saisissez une adresse e-mail comme nom@example.com.',
    tooLong: (label) => `Le champ « ${label} » est trop long.`,
    chooseShipping: 'Choisissez un mode de livraison.',
    cardIncomplete: 'Saisissez les informations de votre carte.',
    verificationCanceled: 'Vous avez annulé la vérification de la carte : rien n’a été débité. Payez à nouveau quand vous êtes prêt.',
    walletCanceled: 'Vous avez fermé la fenêtre de paiement : rien n’a été débité. Payez à nouveau quand vous êtes prêt.',
    loadFailed: 'Le paiement n’a pas pu être chargé. Vérifiez votre connexion et rechargez la page.',
    providerFailed: 'Le formulaire de paiement n’a pas pu être chargé. Rechargez la page pour réessayer.',
    generic: 'Une erreur s’est produite. Veuillez réessayer.',
    invalidPostalCode: (label, example) => (example ? `Le champ « ${label} » n’a pas le bon format, par exemple ${example}.` : `Le champ « ${label} » n’a pas le bon format.`),
    postalCodeRegionMismatch: (postalCode, region) => `Le champ « ${postalCode} » ne correspond pas au champ « ${region} » choisi.`,
    unknownRegion: (label) => `Choisissez le champ « ${label} » dans la liste.`,
    invalidPhone: (example) => `Saisissez un numéro de téléphone comme ${example}.`,
    controlCharacters: (label) => `Le champ « ${label} » contient des caractères non autorisés.`,
  },
  identity: {
    passkeyButton: 'Se connecter avec une clé d’accès',
    codeSent: (hint) => `Si vous avez enregistré vos informations chez nous, nous avons envoyé un code à 6 chiffres à ${hint}.`,
    codeLabel: 'Code de vérification',
    resend: 'Envoyer un nouveau code',
    checking: 'Vérification du code…',
    signedIn: (email) => `Connecté en tant que ${email}`,
    notYou: 'Ce n’est pas vous ?',
    shareQuestion: (merchant) => `Partager votre adresse et vos moyens de paiement enregistrés avec ${merchant} ?`,
    shareButton: 'Partager et continuer',
    savePasskey: 'Enregistrer une clé d’accès pour payer en un clic',
    passkeySaved: 'Clé d’accès enregistrée. La prochaine fois, vous paierez en un clic.',
    saveDetails: 'Enregistrer mes informations pour payer en un clic',
    saveDetailsHint: 'Nous conservons votre adresse et une référence de votre carte fournie par le prestataire de paiement, pour cette boutique et les autres qui utilisent ce paiement. Vous pouvez les supprimer à tout moment.',
    savePhone: 'Numéro de mobile pour les codes de connexion (facultatif)',
    savedMethods: 'Moyens de paiement enregistrés',
    card: (brand, last4) => `${brand} se terminant par ${last4}`,
    expires: (month, year) => `Expire le ${month}/${year}`,
    defaultMethod: 'Par défaut',
    addNew: 'Ajouter une nouvelle carte',
    remove: (label) => `Supprimer ${label}`,
    confirmRemoval: 'Pour supprimer une carte, confirmez qu’il s’agit bien de vous.',
    removed: 'Carte supprimée.',
    payWith: (amount, last4, address) => `Payer ${amount} avec •••• ${last4}, livrer à ${address}`,
    welcomeBack: 'Bon retour',
    useOtherDetails: 'Utiliser d’autres informations',
    errors: {
      invalidCode: 'Ce code est incorrect. Vérifiez le dernier message et réessayez.',
      codeExpired: 'Ce code a expiré. Demandez-en un nouveau.',
      tooManyAttempts: 'Trop de tentatives. Patientez un moment ou utilisez votre clé d’accès.',
      passkeyFailed: 'Votre clé d’accès n’a pas pu être utilisée. Réessayez ou utilisez un code.',
      rateLimited: 'Trop de codes demandés. Patientez quelques minutes.',
    },
  },
} satisfies Translation;

export default fr;
