import type { OrderText } from './types.js';

const plural = new Intl.PluralRules('pl');
const count = new Intl.NumberFormat('pl');
const FORMS = { one: 'produkt', few: 'produkty', many: 'produktów', other: 'produktu' } as Record<string, string>;

const pl = {
  $code: 'pl',
  $dir: 'ltr',
  title: 'Twoje zamówienie',
  orderNumber: (id) => `Zamówienie ${id}`,
  states: {
    paid: 'Opłacone',
    preparing: 'W przygotowaniu',
    shipped: 'Wysłane',
    out_for_delivery: 'W doręczeniu',
    delivered: 'Doręczone',
    canceled: 'Anulowane',
    return_requested: 'Zgłoszono zwrot',
    return_approved: 'Zwrot przyjęty',
    return_refused: 'Zwrot odrzucony',
    partially_refunded: 'Częściowo zwrócono pieniądze',
    refunded: 'Pieniądze zwrócone',
  },
  deliveryBetween: (from, to) => `Przewidywana dostawa między ${from} a ${to}`,
  deliveryOn: (date) => `Przewidywana dostawa ${date}`,
  timeline: 'Przebieg zamówienia',
  shipments: 'Przesyłki',
  itemCount: (n) => `${count.format(n)} ${FORMS[plural.select(n)] ?? FORMS.other}`,
  trackingNumber: 'Numer przesyłki',
  track: (carrier) => `Śledź przesyłkę w ${carrier}`,
  items: 'Produkty',
  total: 'Razem',
  returnItems: 'Zwróć produkty',
  returnQuantity: (name) => `Ile sztuk: ${name}`,
  returnReason: 'Dlaczego zwracasz produkty?',
  sendReturn: 'Zgłoś zwrot',
  chooseAnItem: 'Wybierz co najmniej jeden produkt do zwrotu.',
  reasonRequired: 'Napisz sklepowi, dlaczego zwracasz produkty.',
  returnSent: 'Zgłoszenie zwrotu zostało wysłane do sklepu.',
  returns: 'Zwroty',
  returnStates: { requested: 'Czeka na sklep', approved: 'Przyjęty', refused: 'Odrzucony', refunded: 'Pieniądze zwrócone' },
  returnInstructions: 'Jak odesłać produkty',
  returnLabel: 'Wydrukuj etykietę zwrotną',
  refusedBecause: (reason) => `Sklep odrzucił zwrot: ${reason}`,
  refunded: (refunded, total) => `Zwrócono ${refunded} z ${total}`,
  refundPending: (amount) => `Zwrot ${amount} jest w drodze`,
  refundFailed: 'Zwrot pieniędzy się nie powiódł. Sklep został powiadomiony i skontaktuje się z Tobą.',
  cancelOrder: 'Anuluj zamówienie',
  confirmCancel: 'Anulować to zamówienie? Otrzymasz zwrot całej zapłaconej kwoty.',
  keepOrder: 'Nie anuluj',
  invalidLink: 'Ten link do zamówienia jest nieprawidłowy. Otwórz ponownie link z e-maila z zamówieniem.',
  loadError: 'Nie udało się wczytać zamówienia. Sprawdź połączenie i spróbuj ponownie.',
  mail: {
    subjects: {
      confirmed: (shop, id) => `Twoje zamówienie w ${shop} zostało potwierdzone (${id})`,
      shipped: (shop, id) => `Twoje zamówienie w ${shop} zostało wysłane (${id})`,
      delivered: (shop, id) => `Twoje zamówienie w ${shop} zostało doręczone (${id})`,
      return_received: (shop, id) => `${shop} otrzymał Twoje zgłoszenie zwrotu (${id})`,
      refunded: (shop, id) => `${shop} zwrócił pieniądze za zamówienie (${id})`,
    },
    intros: {
      confirmed: (shop) => `Dziękujemy za zamówienie w ${shop}.`,
      shipped: (shop) => `Dobra wiadomość: ${shop} wysłał Twoje zamówienie.`,
      delivered: (shop) => `Twoje zamówienie z ${shop} zostało doręczone.`,
      return_received: (shop) => `${shop} otrzymał Twoje zgłoszenie zwrotu i wkrótce odpowie.`,
      refunded: (shop) => `${shop} zwrócił pieniądze za Twoje zamówienie.`,
    },
    viewOrder: 'Zobacz zamówienie',
    totalPaid: (amount) => `Zapłacono: ${amount}`,
    refundAmount: (amount) => `Zwrócono: ${amount}`,
    sms: {
      confirmed: (shop) => `${shop}: zamówienie potwierdzone.`,
      shipped: (shop) => `${shop}: zamówienie wysłane.`,
      delivered: (shop) => `${shop}: zamówienie doręczone.`,
      return_received: (shop) => `${shop}: otrzymaliśmy zgłoszenie zwrotu.`,
      refunded: (shop) => `${shop}: zwrot pieniędzy jest w drodze.`,
    },
  },
  // The recognised shopper's list of their orders at the shop (GET /v1/client/identity/orders).
  orderList: {
    title: 'Twoje zamówienia',
    empty: 'Nie masz jeszcze zamówień w tym sklepie.',
    placed: (d) => `Zamówiono ${d}`,
    open: (id) => `Otwórz zamówienie ${id}`,
    more: 'Starsze zamówienia nie są pokazane.',
    back: 'Wszystkie Twoje zamówienia',
    loadError: 'Nie udało się wczytać listy zamówień. Sprawdź połączenie i spróbuj ponownie.',
  },
  // The channel the order was paid through and the class of the device that paid (docs/omnichannel.md).
  paidVia: {
    label: 'Zapłacono przez',
    channels: { web: 'Sklep internetowy', app: 'Aplikacja', kiosk: 'Kiosk w sklepie', pos: 'Kasa w sklepie', link: 'Link do płatności', handoff: 'Przekazano na telefon (kod QR)' },
    devices: { desktop: 'Komputer', phone: 'Telefon', tablet: 'Tablet', kiosk: 'Kiosk' },
  },
} satisfies OrderText;

export default pl;
