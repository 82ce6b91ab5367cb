import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'تحديثات الطلب',
  email: 'بالبريد الإلكتروني',
  sms: 'برسالة نصية (SMS)',
  both: 'بالبريد الإلكتروني والرسائل النصية',
  phone: 'رقم الجوال',
  hint: 'سنرسل إليك رسالة نصية عند تأكيد طلبك وشحنه وتوصيله، مع رابط لمتابعته.',
  required: 'أدخل رقم جوالك لتصلك التحديثات برسائل نصية.',
  // The number reads left to right inside the Arabic sentence.
  invalid: (example) => `أدخل رقم جوال مثل \u2066${example}\u2069.`,
} satisfies OrderUpdatesTranslation;
