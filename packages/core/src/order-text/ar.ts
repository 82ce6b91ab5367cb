import type { OrderText } from './types.js';

const plural = new Intl.PluralRules('ar');
const count = new Intl.NumberFormat('ar');

/** Arabic counts have six forms: 0 → zero, 1 and 2 without a number word, 3–10 plural, 11–99 singular accusative, 100… singular. */
function items(n: number): string {
  switch (plural.select(n)) {
    case 'zero':
      return 'لا منتجات';
    case 'one':
      return 'منتج واحد';
    case 'two':
      return 'منتجان';
    case 'few':
      return `${count.format(n)} منتجات`;
    case 'many':
      return `${count.format(n)} منتجًا`;
    default:
      return `${count.format(n)} منتج`;
  }
}

const ar = {
  $code: 'ar',
  $dir: 'rtl',
  title: 'طلبك',
  orderNumber: (id) => `الطلب ${id}`,
  states: {
    paid: 'مدفوع',
    preparing: 'قيد التجهيز',
    shipped: 'تم الشحن',
    out_for_delivery: 'خرج للتوصيل',
    delivered: 'تم التوصيل',
    canceled: 'أُلغي',
    return_requested: 'طُلب الإرجاع',
    return_approved: 'قُبل الإرجاع',
    return_refused: 'رُفض الإرجاع',
    partially_refunded: 'استُرد جزء من المبلغ',
    refunded: 'استُرد المبلغ',
  },
  deliveryBetween: (from, to) => `التوصيل المتوقع بين ${from} و${to}`,
  deliveryOn: (date) => `التوصيل المتوقع في ${date}`,
  timeline: 'ما حدث حتى الآن',
  shipments: 'الشحنات',
  itemCount: items,
  trackingNumber: 'رقم التتبع',
  track: (carrier) => `تتبّع الطرد لدى ${carrier}`,
  items: 'المنتجات',
  total: 'الإجمالي',
  returnItems: 'إرجاع منتجات',
  returnQuantity: (name) => `كم قطعة من ${name} تريد إرجاعها`,
  returnReason: 'لماذا تُرجع المنتجات؟',
  sendReturn: 'اطلب الإرجاع',
  chooseAnItem: 'اختر منتجًا واحدًا على الأقل لإرجاعه.',
  reasonRequired: 'أخبر المتجر بسبب إرجاع المنتجات.',
  returnSent: 'أُرسل طلب الإرجاع إلى المتجر.',
  returns: 'المرتجعات',
  returnStates: { requested: 'بانتظار المتجر', approved: 'مقبول', refused: 'مرفوض', refunded: 'استُرد المبلغ' },
  returnInstructions: 'كيف تُعيد المنتجات',
  returnLabel: 'اطبع ملصق الإرجاع',
  refusedBecause: (reason) => `رفض المتجر الإرجاع: ${reason}`,
  refunded: (refunded, total) => `استُرد ${refunded} من ${total}`,
  refundPending: (amount) => `استرداد ${amount} في الطريق`,
  refundFailed: 'لم يتم الاسترداد. أُبلغ المتجر وسيتواصل معك.',
  cancelOrder: 'إلغاء الطلب',
  confirmCancel: 'هل تريد إلغاء هذا الطلب؟ ستسترد كل ما دفعته.',
  keepOrder: 'الإبقاء على الطلب',
  invalidLink: 'رابط الطلب هذا غير صالح. افتح الرابط من رسالة الطلب مرة أخرى.',
  loadError: 'تعذّر تحميل الطلب. تحقق من اتصالك وحاول مرة أخرى.',
  mail: {
    subjects: {
      confirmed: (shop, id) => `تم تأكيد طلبك من ${shop} (${id})`,
      shipped: (shop, id) => `تم شحن طلبك من ${shop} (${id})`,
      delivered: (shop, id) => `تم توصيل طلبك من ${shop} (${id})`,
      return_received: (shop, id) => `استلم ${shop} طلب الإرجاع (${id})`,
      refunded: (shop, id) => `ردّ ${shop} مبلغ طلبك (${id})`,
    },
    intros: {
      confirmed: (shop) => `شكرًا لطلبك من ${shop}.`,
      shipped: (shop) => `خبر سار: أرسل ${shop} طلبك.`,
      delivered: (shop) => `تم توصيل طلبك من ${shop}.`,
      return_received: (shop) => `استلم ${shop} طلب الإرجاع وسيرد قريبًا.`,
      refunded: (shop) => `ردّ ${shop} مبلغ طلبك.`,
    },
    viewOrder: 'عرض طلبك',
    totalPaid: (amount) => `المبلغ المدفوع: ${amount}`,
    totalOnDelivery: (amount) => `المبلغ المستحق عند الاستلام: ${amount}`,
    cashOnDeliveryFee: 'رسوم الدفع عند الاستلام',
    refundAmount: (amount) => `المبلغ المسترد: ${amount}`,
    sms: {
      confirmed: (shop) => `${shop}: تم تأكيد طلبك.`,
      shipped: (shop) => `${shop}: تم شحن طلبك.`,
      delivered: (shop) => `${shop}: تم توصيل طلبك.`,
      return_received: (shop) => `${shop}: استلمنا طلب الإرجاع.`,
      refunded: (shop) => `${shop}: المبلغ المسترد في الطريق.`,
    },
  },
  // The recognised shopper's list of their orders at the shop (GET /v1/client/identity/orders).
  orderList: {
    title: 'طلباتك',
    empty: 'ليس لديك طلبات في هذا المتجر بعد.',
    placed: (d) => `تاريخ الطلب: ${d}`,
    open: (id) => `فتح الطلب ${id}`,
    more: 'الطلبات الأقدم غير معروضة.',
    back: 'كل طلباتك',
    loadError: 'تعذّر تحميل قائمة طلباتك. تحقق من اتصالك وحاول مرة أخرى.',
  },
  // The channel the order was paid through and the class of the device that paid (docs/omnichannel.md).
  paidVia: {
    label: 'تم الدفع عبر',
    channels: { web: 'المتجر الإلكتروني', app: 'التطبيق', kiosk: 'كشك في المتجر', pos: 'نقطة البيع في المتجر', link: 'رابط الدفع', handoff: 'التحويل إلى الهاتف (رمز QR)' },
    devices: { desktop: 'حاسوب', phone: 'هاتف', tablet: 'جهاز لوحي', kiosk: 'كشك' },
  },
} satisfies OrderText;

export default ar;
