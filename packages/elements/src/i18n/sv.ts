import { BRAND_NAMES } from './brands.js';
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
  expressCheckout: 'Snabbkassa',

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

  address: {
    billingAddress: 'Fakturaadress',
    regionKinds: { area: 'Område', county: 'Grevskap', department: 'Departement', district: 'Distrikt', do_si: 'Provins', emirate: 'Emirat', island: 'Ö', oblast: 'Oblast', parish: 'Socken', prefecture: 'Prefektur', province: 'Provins', state: 'Delstat' },
    cityKinds: { city: 'Ort', district: 'Distrikt', post_town: 'Postort', suburb: 'Förort' },
    districtKinds: { district: 'Distrikt', neighborhood: 'Stadsdel', suburb: 'Förort', townland: 'Townland', village_township: 'By eller kommun' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'PIN-kod', postal: 'Postnummer', zip: 'ZIP-kod' },
    sortingCode: 'Sorteringskod',
    chooseRegion: 'Välj …',
    example: (example) => `Till exempel ${example}`,
  },

  paymentMethod: 'Betalsätt',
  unavailableInTestMode: 'Inte tillgängligt i testläge',
  methods: { ...BRAND_NAMES, card: 'Kort', sepa_debit: 'SEPA-autogiro', card_installments: 'Kort med delbetalning', konbini: 'Konbini (närbutik)', cash_on_delivery: 'Postförskott', gift_card: 'Presentkort eller tillgodo' },

  errors: {
    required: (label) => `Fyll i ”${label}”.`,
    invalidEmail: 'Ange en e-postadress som namn@example.com.',
    tooLong: (label) => `”${label}” är för långt.`,
    chooseShipping: 'Välj ett leveranssätt.',
    cardIncomplete: 'Fyll i dina kortuppgifter.',
    verificationCanceled: 'Du avbröt kortverifieringen, så ingenting har dragits. Betala igen när du är redo.',
    walletCanceled: 'Du stängde betalningsfönstret, så ingenting har dragits. Betala igen när du är redo.',
    loadFailed: 'Kassan kunde inte laddas. Kontrollera anslutningen och ladda om sidan.',
    providerFailed: 'Betalningsformuläret kunde inte laddas. Ladda om sidan för att försöka igen.',
    generic: 'Något gick fel. Försök igen.',
    invalidPostalCode: (label, example) => (example ? `”${label}” har fel format, till exempel ${example}.` : `”${label}” har fel format.`),
    postalCodeRegionMismatch: (postalCode, region) => `”${postalCode}” hör inte till vald ”${region}”.`,
    unknownRegion: (label) => `Välj ”${label}” i listan.`,
    invalidPhone: (example) => `Ange ett telefonnummer som ${example}.`,
    controlCharacters: (label) => `”${label}” innehåller otillåtna tecken.`,
  },
  identity: {
    passkeyButton: 'Logga in med nyckel',
    codeSent: (hint) => `Om du har sparat dina uppgifter hos oss har vi skickat en 6-siffrig kod till ${hint}.`,
    codeLabel: 'Verifieringskod',
    resend: 'Skicka en ny kod',
    checking: 'Kontrollerar koden…',
    signedIn: (email) => `Inloggad som ${email}`,
    notYou: 'Inte du?',
    shareQuestion: (merchant) => `Dela din sparade adress och dina betalsätt med ${merchant}?`,
    shareButton: 'Dela och fortsätt',
    savePasskey: 'Spara en nyckel för betalning med ett klick',
    passkeySaved: 'Nyckeln är sparad. Nästa gång betalar du med ett klick.',
    saveDetails: 'Spara mina uppgifter för betalning med ett klick',
    saveDetailsHint: 'Vi sparar din adress och en referens till ditt kort från betalleverantören, för den här butiken och andra som använder den här kassan. Du kan radera dem när du vill.',
    savePhone: 'Mobilnummer för inloggningskoder (valfritt)',
    savedMethods: 'Sparade betalsätt',
    card: (brand, last4) => `${brand} som slutar på ${last4}`,
    expires: (month, year) => `Går ut ${month}/${year}`,
    defaultMethod: 'Standard',
    addNew: 'Lägg till ett nytt kort',
    remove: (label) => `Ta bort ${label}`,
    confirmRemoval: 'Bekräfta att det är du för att ta bort ett kort.',
    removed: 'Kortet är borttaget.',
    payWith: (amount, last4, address) => `Betala ${amount} med •••• ${last4}, leverans till ${address}`,
    welcomeBack: 'Välkommen tillbaka',
    useOtherDetails: 'Använd andra uppgifter',
    errors: {
      invalidCode: 'Koden stämmer inte. Kontrollera det senaste meddelandet och försök igen.',
      codeExpired: 'Koden har gått ut. Be om en ny.',
      tooManyAttempts: 'För många försök. Vänta en stund eller använd din nyckel.',
      passkeyFailed: 'Din nyckel kunde inte användas. Försök igen eller använd en kod.',
      rateLimited: 'För många koder har begärts. Vänta några minuter.',
    },
  },
} satisfies Translation;

export default sv;
