import { BRAND_NAMES } from './brands.js';
import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('de');

const de = {
  $code: 'de',
  $name: 'Deutsch',
  $dir: 'ltr',

  loading: 'Kasse wird geladen …',
  contact: 'Kontakt',
  email: 'E-Mail',
  shippingAddress: 'Lieferadresse',
  fullName: 'Vor- und Nachname',
  country: 'Land',
  addressLine1: 'Adresszeile 1',
  addressLine2: 'Wohnung, Etage, Zusatz (optional)',
  addAddressLine2: 'Wohnung, Etage oder Zusatz hinzufügen',
  city: 'Ort',
  region: 'Bundesland, Provinz oder Region',
  postalCode: 'Postleitzahl',
  phone: 'Telefon (optional)',
  optional: (label) => `${label} (optional)`,

  shippingMethod: 'Versandart',
  free: 'Kostenlos',
  deliveryEstimate: (min, max) =>
    min === max
      ? `${count.format(min)} ${min === 1 ? 'Werktag' : 'Werktage'}`
      : `${count.format(min)}–${count.format(max)} Werktage`,
  payment: 'Zahlung',
  expressCheckout: 'Express-Checkout',

  orderSummary: 'Bestellübersicht',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Zwischensumme',
  shipping: 'Versand',
  shippingNotChosen: 'Noch nicht gewählt',
  total: 'Gesamt',

  pay: (amount) => `${amount} bezahlen`,
  paying: (amount) => `${amount} werden bezahlt …`,
  verifying: 'Ihre Bank prüft die Zahlung …',
  succeeded: 'Zahlung erfolgreich',
  orderNumber: 'Bestellnummer:',

  address: {
    billingAddress: 'Rechnungsadresse',
    regionKinds: { area: 'Gebiet', county: 'County', department: 'Département', district: 'Bezirk', do_si: 'Provinz', emirate: 'Emirat', island: 'Insel', oblast: 'Oblast', parish: 'Parish', prefecture: 'Präfektur', province: 'Provinz', state: 'Bundesstaat' },
    cityKinds: { city: 'Ort', district: 'Bezirk', post_town: 'Poststadt', suburb: 'Vorort' },
    districtKinds: { district: 'Bezirk', neighborhood: 'Stadtteil', suburb: 'Vorort', townland: 'Townland', village_township: 'Dorf oder Gemeinde' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'PIN-Code', postal: 'Postleitzahl', zip: 'ZIP-Code' },
    sortingCode: 'Sortiercode',
    chooseRegion: 'Bitte wählen …',
    example: (example) => `Zum Beispiel ${example}`,
  },

  paymentMethod: 'Zahlungsart',
  unavailableInTestMode: 'Im Testmodus nicht verfügbar',
  methods: { ...BRAND_NAMES, card: 'Karte', sepa_debit: 'SEPA-Lastschrift', card_installments: 'Kartenzahlung in Raten', konbini: 'Konbini (Convenience-Store)', cash_on_delivery: 'Nachnahme', gift_card: 'Geschenkkarte oder Guthaben' },

  errors: {
    required: (label) => `Bitte füllen Sie „${label}“ aus.`,
    invalidEmail: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
    tooLong: (label) => `„${label}“ ist zu lang.`,
    chooseShipping: 'Wählen Sie eine Versandart.',
    cardIncomplete: 'Geben Sie Ihre Kartendaten ein.',
    verificationCanceled: 'Sie haben die Kartenprüfung abgebrochen, es wurde nichts abgebucht. Zahlen Sie erneut, wenn Sie so weit sind.',
    walletCanceled: 'Sie haben das Zahlungsfenster geschlossen, es wurde nichts abgebucht. Zahlen Sie erneut, wenn Sie so weit sind.',
    loadFailed: 'Die Kasse konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und laden Sie die Seite neu.',
    providerFailed: 'Das Zahlungsformular konnte nicht geladen werden. Laden Sie die Seite neu, um es erneut zu versuchen.',
    generic: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    invalidPostalCode: (label, example) => (example ? `„${label}“ hat nicht das richtige Format, zum Beispiel ${example}.` : `„${label}“ hat nicht das richtige Format.`),
    postalCodeRegionMismatch: (postalCode, region) => `„${postalCode}“ passt nicht zur gewählten Angabe „${region}“.`,
    unknownRegion: (label) => `Wählen Sie „${label}“ aus der Liste.`,
    invalidPhone: (example) => `Geben Sie eine Telefonnummer wie ${example} ein.`,
    controlCharacters: (label) => `„${label}“ enthält unzulässige Zeichen.`,
  },
  identity: {
    passkeyButton: 'Mit Passkey anmelden',
    codeSent: (hint) => `Wenn du deine Daten bei uns gespeichert hast, haben wir einen 6-stelligen Code an ${hint} gesendet.`,
    codeLabel: 'Bestätigungscode',
    resend: 'Neuen Code senden',
    checking: 'Code wird geprüft…',
    signedIn: (email) => `Angemeldet als ${email}`,
    notYou: 'Nicht du?',
    shareQuestion: (merchant) => `Gespeicherte Adresse und Zahlungsarten mit ${merchant} teilen?`,
    shareButton: 'Teilen und weiter',
    savePasskey: 'Passkey für Ein-Klick-Bezahlung speichern',
    passkeySaved: 'Passkey gespeichert. Nächstes Mal bezahlst du mit einem Klick.',
    saveDetails: 'Meine Daten für Ein-Klick-Bezahlung speichern',
    saveDetailsHint: 'Wir speichern deine Adresse und einen Verweis des Zahlungsanbieters auf deine Karte, für diesen und andere Shops mit diesem Checkout. Du kannst sie jederzeit löschen.',
    savePhone: 'Handynummer für Anmeldecodes (optional)',
    savedMethods: 'Gespeicherte Zahlungsarten',
    card: (brand, last4) => `${brand} mit Endziffern ${last4}`,
    expires: (month, year) => `Gültig bis ${month}/${year}`,
    defaultMethod: 'Standard',
    addNew: 'Neue Karte hinzufügen',
    remove: (label) => `${label} entfernen`,
    confirmRemoval: 'Bestätige zum Entfernen einer Karte, dass du es bist.',
    removed: 'Karte entfernt.',
    payWith: (amount, last4, address) => `${amount} mit •••• ${last4} bezahlen, Lieferung an ${address}`,
    welcomeBack: 'Willkommen zurück',
    useOtherDetails: 'Andere Daten verwenden',
    errors: {
      invalidCode: 'Der Code stimmt nicht. Prüfe die neueste Nachricht und versuche es erneut.',
      codeExpired: 'Dieser Code ist abgelaufen. Fordere einen neuen an.',
      tooManyAttempts: 'Zu viele Versuche. Bitte warte etwas oder nutze deinen Passkey.',
      passkeyFailed: 'Dein Passkey konnte nicht verwendet werden. Versuche es erneut oder nutze einen Code.',
      rateLimited: 'Zu viele Codes angefordert. Bitte warte einige Minuten.',
    },
  },
} satisfies Translation;

export default de;
