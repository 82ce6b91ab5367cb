import type { TenderTranslation } from './index.js';

export default {
  add: 'Gutschein hinzufügen',
  codeLabel: 'Gutscheincode',
  codeHint: 'Der Code auf Ihrer Karte oder in Ihrer E-Mail, z. B. XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'Einlösen',
  applying: 'Wird eingelöst…',
  card: (last4) => `Gutschein •••• ${last4}`,
  storeCredit: 'Guthaben',
  useStoreCredit: (amount) => `Guthaben verwenden (${amount})`,
  remove: 'Entfernen',
  removeLabel: (what) => `${what} entfernen`,
  toPay: 'Zu zahlen',
  applied: (what, amount) => `${what} eingelöst: ${amount}.`,
  covered: 'Ihr Gutschein oder Guthaben deckt die ganze Bestellung.',
  placeOrder: (amount) => `Bestellung abschicken (${amount})`,
  errors: {
    empty: 'Geben Sie den Code Ihres Gutscheins ein.',
    notFound: 'Wir haben keinen Gutschein mit diesem Code gefunden. Prüfen Sie den Code und versuchen Sie es erneut.',
    inactive: 'Dieser Gutschein ist abgelaufen oder kann nicht mehr verwendet werden.',
    noBalance: 'Auf diesem Gutschein ist kein Guthaben mehr.',
    currency: 'Dieser Gutschein ist in einer anderen Währung als diese Bestellung.',
    tooMany: 'Zu viele Codes versucht. Versuchen Sie es später erneut.',
    alreadyCovered: 'Was Sie eingelöst haben, deckt bereits die ganze Bestellung.',
    generic: 'Das konnten wir nicht einlösen. Bitte versuchen Sie es erneut.',
  },
} satisfies TenderTranslation;
