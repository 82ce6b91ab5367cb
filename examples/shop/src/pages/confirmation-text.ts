/**
 * Words only the confirmation page uses, for orders not paid yet (cash on delivery, an authorisation),
 * in each market's language: kept out of the shop's text table every page loads.
 */
const WORDS = {
  en: {
    payOnDelivery: 'You pay {amount} in cash on delivery. A confirmation is on its way.',
    authorized: 'Payment authorised: it is taken when your order ships. A confirmation is on its way.',
    canceled: 'This order was canceled. Nothing was taken.',
    totalOnDelivery: 'To pay on delivery',
    total: 'Total',
  },
  pl: {
    payOnDelivery: 'Zapłacisz {amount} gotówką przy odbiorze. Potwierdzenie jest w drodze.',
    authorized: 'Płatność autoryzowana: zostanie pobrana przy wysyłce zamówienia. Potwierdzenie jest w drodze.',
    canceled: 'To zamówienie zostało anulowane. Nic nie zostało pobrane.',
    totalOnDelivery: 'Do zapłaty przy odbiorze',
    total: 'Razem',
  },
  ko: {
    payOnDelivery: '배송 시 {amount}을(를) 현금으로 결제합니다. 확인 메일이 곧 도착합니다.',
    authorized: '결제가 승인되었습니다. 주문이 발송될 때 결제됩니다. 확인 메일이 곧 도착합니다.',
    canceled: '이 주문은 취소되었습니다. 결제된 금액은 없습니다.',
    totalOnDelivery: '배송 시 결제할 금액',
    total: '합계',
  },
  ar: {
    payOnDelivery: 'ستدفع {amount} نقدًا عند الاستلام. تأكيد الطلب في الطريق إليك.',
    authorized: 'تمت الموافقة على الدفع: يُحصَّل المبلغ عند شحن طلبك. تأكيد الطلب في الطريق إليك.',
    canceled: 'أُلغي هذا الطلب. لم يُحصَّل أي مبلغ.',
    totalOnDelivery: 'المبلغ المستحق عند الاستلام',
    total: 'الإجمالي',
  },
} as const;

export type ConfirmationWord = keyof (typeof WORDS)['en'];

/** The word in `lang` (English where the shop has no such language), with `{amount}` filled in. */
export function confirmationText(lang: string, key: ConfirmationWord, amount = ''): string {
  const table: Record<ConfirmationWord, string> = WORDS[lang as keyof typeof WORDS] ?? WORDS.en;
  return table[key].replace('{amount}', amount);
}
