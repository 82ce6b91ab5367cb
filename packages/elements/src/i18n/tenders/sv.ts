import type { TenderTranslation } from './index.js';

export default {
  add: 'Lägg till ett presentkort',
  codeLabel: 'Presentkortskod',
  codeHint: 'Koden på ditt kort eller i ditt mejl, t.ex. XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'Använd',
  applying: 'Används…',
  card: (last4) => `Presentkort •••• ${last4}`,
  storeCredit: 'Tillgodohavande',
  useStoreCredit: (amount) => `Använd ditt tillgodohavande (${amount})`,
  remove: 'Ta bort',
  removeLabel: (what) => `Ta bort ${what}`,
  toPay: 'Att betala',
  applied: (what, amount) => `${what} används: ${amount}.`,
  covered: 'Ditt presentkort eller tillgodohavande betalar hela beställningen.',
  placeOrder: (amount) => `Lägg beställningen (${amount})`,
  errors: {
    empty: 'Ange koden på ditt presentkort.',
    notFound: 'Vi hittade inget presentkort med den koden. Kontrollera koden och försök igen.',
    inactive: 'Presentkortet har gått ut eller kan inte längre användas.',
    noBalance: 'Det finns inget saldo kvar på presentkortet.',
    currency: 'Presentkortet är i en annan valuta än beställningen.',
    tooMany: 'För många koder har provats. Försök igen senare.',
    alreadyCovered: 'Det du har lagt till betalar redan hela beställningen.',
    generic: 'Det gick inte att använda. Försök igen.',
  },
} satisfies TenderTranslation;
