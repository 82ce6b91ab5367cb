import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('sv');

const sv = {
  $code: 'sv',
  $name: 'Svenska',
  $dir: 'ltr',

  loading: 'Kassan laddas …',
  contact: 'Kontaktuppgifter',
  email: 'E-post',
  shippingAddress: 'Leveransadress',
  fullName: 'För- och efternamn',
  country: 'Land',
  addressLine1: 'Gatuadress',
  addressLine2: 'Lägenhet, c/o, våning (valfritt)',
  addAddressLine2: 'Lägg till lägenhet, c/o eller våning',
  city: 'Ort',
  region: 'Delstat, provins eller region',
  postalCode: 'Postnummer',
  phone: 'Telefon (valfritt)',
  optional: (label) => `${label} (valfritt)`,

  shippingMethod: 'Leveranssätt',
  free: 'Gratis',
  deliveryEstimate: (min, max) =>
    min === max
      ? `${count.format(min)} ${min === 1 ? 'arbetsdag' : 'arbetsdagar'}`
      : `${count.format(min)}–${count.format(max)} arbetsdagar`,
  payment: 'Betalning',

  orderSummary: 'Ordersammanfattning',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Delsumma',
  shipping: 'Frakt',
  shippingNotChosen: 'Inte vald än',
  total: 'Totalt',

  pay: (amount) => `Betala ${amount}`,
  paying: (amount) => `Betalar ${amount} …`,
  verifying: 'Väntar på att din bank verifierar betalningen …',
  succeeded: 'Betalningen är klar',
  orderNumber: 'Ordernummer:',

  errors: {
    required: (label) => `Fyll i ”${label}”.`,
    invalidEmail: 'Ange en e-postadress som namn@example.com.',
    tooLong: (label) => `”${label}” är för långt.`,
    chooseShipping: 'Välj ett leveranssätt.',
    cardIncomplete: 'Fyll i dina kortuppgifter.',
    verificationCanceled: 'Du avbröt kortverifieringen, så ingenting har dragits. Betala igen när du är redo.',
    loadFailed: 'Kassan kunde inte laddas. Kontrollera anslutningen och ladda om sidan.',
    providerFailed: 'Betalningsformuläret kunde inte laddas. Ladda om sidan för att försöka igen.',
    generic: 'Något gick fel. Försök igen.',
  },
} satisfies Translation;

export default sv;
