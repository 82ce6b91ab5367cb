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
} satisfies Translation;

export default de;
