import { BRAND_NAMES } from './brands.js';
import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('pl');
const plural = new Intl.PluralRules('pl');
/** "dzień roboczy" / "dni robocze" / "dni roboczych", by Polish plural category. */
const businessDays = (n: number): string =>
  n === 1 ? 'dzień roboczy' : plural.select(n) === 'few' ? 'dni robocze' : 'dni roboczych';

const pl = {
  $code: 'pl',
  $name: 'Polski',
  $dir: 'ltr',

  loading: 'Ładowanie płatności…',
  contact: 'Kontakt',
  email: 'E-mail',
  shippingAddress: 'Adres dostawy',
  fullName: 'Imię i nazwisko',
  country: 'Kraj',
  addressLine1: 'Ulica i numer domu',
  addressLine2: 'Numer mieszkania, piętro',
  addAddressLine2: 'Dodaj numer mieszkania lub piętro',
  city: 'Miejscowość',
  region: 'Województwo, stan lub region',
  postalCode: 'Kod pocztowy',
  phone: 'Telefon',
  optional: (label) => `${label} (opcjonalnie)`,

  shippingMethod: 'Sposób dostawy',
  free: 'Bezpłatnie',
  deliveryEstimate: (min, max) =>
    min === max ? `${count.format(min)} ${businessDays(min)}` : `${count.format(min)}–${count.format(max)} ${businessDays(max)}`,
  payment: 'Płatność',
  expressCheckout: 'Szybka płatność',

  orderSummary: 'Podsumowanie zamówienia',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Suma częściowa',
  shipping: 'Dostawa',
  shippingNotChosen: 'Jeszcze nie wybrano',
  total: 'Razem',

  pay: (amount) => `Zapłać ${amount}`,
  paying: (amount) => `Płacenie ${amount}…`,
  verifying: 'Czekamy, aż Twój bank potwierdzi płatność…',
  succeeded: 'Płatność zakończona powodzeniem',
  orderNumber: 'Numer zamówienia:',

  address: {
    billingAddress: 'Adres rozliczeniowy',
    regionKinds: { area: 'Obszar', county: 'Hrabstwo', department: 'Departament', district: 'Dystrykt', do_si: 'Prowincja', emirate: 'Emirat', island: 'Wyspa', oblast: 'Obwód', parish: 'Parafia', prefecture: 'Prefektura', province: 'Prowincja', state: 'Stan' },
    cityKinds: { city: 'Miejscowość', district: 'Dzielnica', post_town: 'Miejscowość pocztowa', suburb: 'Przedmieście' },
    districtKinds: { district: 'Dzielnica', neighborhood: 'Osiedle', suburb: 'Przedmieście', townland: 'Townland', village_township: 'Wieś lub gmina' },
    postalCodeKinds: { eircode: 'Kod Eircode', pin: 'Kod PIN', postal: 'Kod pocztowy', zip: 'Kod ZIP' },
    sortingCode: 'Kod sortowania',
    chooseRegion: 'Wybierz…',
    example: (example) => `Na przykład ${example}`,
  },

  paymentMethod: 'Metoda płatności',
  methodFailed: 'Nie udało się wczytać. Wybierz inną metodę płatności.',
  methods: { ...BRAND_NAMES, card: 'Karta', sepa_debit: 'Polecenie zapłaty SEPA', card_installments: 'Karta na raty', konbini: 'Konbini (sklep convenience)', cash_on_delivery: 'Płatność przy odbiorze', gift_card: 'Karta podarunkowa lub środki w sklepie' },

  errors: {
    required: (label) => `Wypełnij pole „${label}”.`,
    invalidEmail: 'Wpisz adres e-mail, na przykład imie@example.com.',
    tooLong: (label) => `Pole „${label}” jest za długie.`,
    chooseShipping: 'Wybierz sposób dostawy.',
    cardIncomplete: 'Wpisz dane karty.',
    verificationCanceled: 'Anulowano weryfikację karty, więc nic nie zostało pobrane. Zapłać ponownie, gdy będziesz gotowy.',
    walletCanceled: 'Zamknięto okno płatności, więc nic nie zostało pobrane. Zapłać ponownie, gdy będziesz gotowy.',
    loadFailed: 'Nie udało się załadować płatności. Sprawdź połączenie i odśwież stronę.',
    providerFailed: 'Nie udało się załadować formularza płatności. Odśwież stronę, aby spróbować ponownie.',
    generic: 'Coś poszło nie tak. Spróbuj ponownie.',
    invalidPostalCode: (label, example) => (example ? `Pole „${label}” ma niepoprawny format. Przykład: ${example}.` : `Pole „${label}” ma niepoprawny format.`),
    postalCodeRegionMismatch: (postalCode, region) => `Pole „${postalCode}” nie pasuje do wybranej wartości pola „${region}”.`,
    unknownRegion: (label) => `Wybierz wartość pola „${label}” z listy.`,
    invalidPhone: (example) => `Wpisz numer telefonu, na przykład ${example}.`,
    controlCharacters: (label) => `Pole „${label}” zawiera niedozwolone znaki.`,
  },
  identity: {
    passkeyButton: 'Zaloguj się kluczem dostępu',
    codeSent: (hint) => `Jeśli zapisałeś u nas swoje dane, wysłaliśmy 6-cyfrowy kod na ${hint}.`,
    codeLabel: 'Kod weryfikacyjny',
    resend: 'Wyślij nowy kod',
    checking: 'Sprawdzanie kodu…',
    signedIn: (email) => `Zalogowano jako ${email}`,
    notYou: 'To nie Ty?',
    shareQuestion: (merchant) => `Udostępnić zapisany adres i metody płatności sklepowi ${merchant}?`,
    shareButton: 'Udostępnij i kontynuuj',
    savePasskey: 'Zapisz klucz dostępu do płatności jednym kliknięciem',
    passkeySaved: 'Klucz dostępu zapisany. Następnym razem zapłacisz jednym kliknięciem.',
    saveDetails: 'Zapisz moje dane do płatności jednym kliknięciem',
    saveDetailsHint: 'Przechowujemy Twój adres i odnośnik do karty od operatora płatności, dla tego sklepu i innych korzystających z tej płatności. Możesz je w każdej chwili usunąć.',
    savePhone: 'Numer komórki do kodów logowania (opcjonalnie)',
    savedMethods: 'Zapisane metody płatności',
    card: (brand, last4) => `${brand} z końcówką ${last4}`,
    expires: (month, year) => `Ważna do ${month}/${year}`,
    defaultMethod: 'Domyślna',
    addNew: 'Dodaj nową kartę',
    remove: (label) => `Usuń: ${label}`,
    confirmRemoval: 'Aby usunąć kartę, potwierdź, że to Ty.',
    removed: 'Karta usunięta.',
    payWith: (amount, last4, address) => `Zapłać ${amount} kartą •••• ${last4}, dostawa: ${address}`,
    welcomeBack: 'Witaj ponownie',
    useOtherDetails: 'Użyj innych danych',
    phoneLabel: 'Numer telefonu komórkowego',
    usePhone: 'Użyj numeru telefonu',
    useEmail: 'Użyj adresu e-mail',
    deliverTo: 'Dostawa do',
    newAddress: 'Nowy adres',
    addressLabel: 'Nazwa tego adresu',
    saveAddress: 'Zapisz ten adres',
    addressSaved: (l) => `Zapisano adres „${l}”.`,
    makeDefault: (l) => `Ustaw „${l}” jako adres domyślny`,
    defaultAddressSet: (l) => `„${l}” jest teraz Twoim adresem domyślnym.`,
    stepUpNewCountry: (h) => `To zamówienie trafi do nowego kraju. Aby potwierdzić, że to Ty, wpisz kod wysłany na ${h}.`,
    errors: {
      invalidCode: 'Kod jest nieprawidłowy. Sprawdź najnowszą wiadomość i spróbuj ponownie.',
      codeExpired: 'Ten kod wygasł. Poproś o nowy.',
      tooManyAttempts: 'Zbyt wiele prób. Odczekaj chwilę lub użyj klucza dostępu.',
      passkeyFailed: 'Nie udało się użyć klucza dostępu. Spróbuj ponownie lub użyj kodu.',
      rateLimited: 'Zbyt wiele próśb o kod. Odczekaj kilka minut.',
    },
  },
} satisfies Translation;

export default pl;
