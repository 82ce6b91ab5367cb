import type { TenderTranslation } from './index.js';

export default {
  add: 'Dodaj kartę podarunkową',
  codeLabel: 'Kod karty podarunkowej',
  codeHint: 'Kod z karty lub z e-maila, np. XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'Zastosuj',
  applying: 'Stosowanie…',
  card: (last4) => `Karta podarunkowa •••• ${last4}`,
  storeCredit: 'Środki w sklepie',
  useStoreCredit: (amount) => `Użyj środków w sklepie (${amount})`,
  remove: 'Usuń',
  removeLabel: (what) => `Usuń: ${what}`,
  toPay: 'Do zapłaty',
  applied: (what, amount) => `Zastosowano: ${what}, ${amount}.`,
  covered: 'Karta podarunkowa lub środki w sklepie pokrywają całe zamówienie.',
  placeOrder: (amount) => `Złóż zamówienie (${amount})`,
  errors: {
    empty: 'Wpisz kod karty podarunkowej.',
    notFound: 'Nie znaleźliśmy karty podarunkowej z tym kodem. Sprawdź kod i spróbuj ponownie.',
    inactive: 'Ta karta podarunkowa wygasła lub nie można jej już użyć.',
    noBalance: 'Na tej karcie podarunkowej nie ma już środków.',
    currency: 'Ta karta podarunkowa jest w innej walucie niż to zamówienie.',
    tooMany: 'Wpisano zbyt wiele kodów. Spróbuj ponownie później.',
    alreadyCovered: 'Zastosowane środki pokrywają już całe zamówienie.',
    generic: 'Nie udało się tego zastosować. Spróbuj ponownie.',
  },
} satisfies TenderTranslation;
