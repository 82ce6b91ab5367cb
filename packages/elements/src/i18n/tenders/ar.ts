import type { TenderTranslation } from './index.js';

export default {
  add: 'إضافة بطاقة هدية',
  codeLabel: 'رمز بطاقة الهدية',
  codeHint: 'الرمز المطبوع على بطاقتك أو الوارد في بريدك الإلكتروني، مثل XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'تطبيق',
  applying: 'جارٍ التطبيق…',
  card: (last4) => `بطاقة هدية •••• ${last4}`,
  storeCredit: 'رصيد المتجر',
  useStoreCredit: (amount) => `استخدام رصيد المتجر (${amount})`,
  remove: 'إزالة',
  removeLabel: (what) => `إزالة ${what}`,
  toPay: 'المبلغ المتبقي للدفع',
  applied: (what, amount) => `تم تطبيق ${what}: ${amount}.`,
  covered: 'بطاقة الهدية أو رصيد المتجر يغطي الطلب بالكامل.',
  placeOrder: (amount) => `تأكيد الطلب (${amount})`,
  errors: {
    empty: 'أدخل رمز بطاقة الهدية.',
    notFound: 'لم نعثر على بطاقة هدية بهذا الرمز. تحقّق من الرمز وحاول مرة أخرى.',
    inactive: 'انتهت صلاحية بطاقة الهدية هذه أو لم يعد بالإمكان استخدامها.',
    noBalance: 'لم يتبقَّ رصيد في بطاقة الهدية هذه.',
    currency: 'بطاقة الهدية هذه بعملة مختلفة عن عملة هذا الطلب.',
    tooMany: 'جرّبت رموزًا كثيرة. حاول مرة أخرى لاحقًا.',
    alreadyCovered: 'ما طبّقته يغطي الطلب بالكامل بالفعل.',
    generic: 'تعذّر التطبيق. يُرجى المحاولة مرة أخرى.',
  },
} satisfies TenderTranslation;
