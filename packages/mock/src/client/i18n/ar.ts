import type { MockMessages } from './messages.js';

export default {
  $code: 'ar',
  cardDetails: 'بيانات البطاقة',
  testMode: 'وضع الاختبار — استخدم 4242 4242 4242 4242',
  cardNumber: 'رقم البطاقة',
  expiry: 'تاريخ الانتهاء',
  expiryPlaceholder: 'شهر / سنة',
  cvc: 'رمز الأمان (CVC)',
  errors: {
    incomplete_number: 'رقم البطاقة غير مكتمل.',
    invalid_number: 'رقم البطاقة غير صالح.',
    incomplete_expiry: 'تاريخ انتهاء البطاقة غير مكتمل.',
    invalid_expiry_month: 'شهر انتهاء البطاقة غير صالح.',
    invalid_expiry_year_past: 'انتهت صلاحية البطاقة.',
    incomplete_cvc: 'رمز أمان البطاقة غير مكتمل.',
  },
  testCardRequired: 'هذا دفع تجريبي: استخدم بطاقة اختبار مثل 4242 4242 4242 4242.',
  challengeTitle: 'أكّد عملية الدفع',
  challengeText: 'تحقق تجريبي 3-D Secure من مصرفك',
  approve: 'موافقة',
  cancel: 'إلغاء',
  unsupportedAction: 'لا يدعم مزوّد الاختبار خطوة الدفع هذه.',
  networkError: 'تعذّر الوصول إلى خدمة الدفع. تحقق من اتصالك وحاول مرة أخرى.',
  verificationFailed: 'تعذّر إكمال التحقق من البطاقة. حاول مرة أخرى.',
} satisfies MockMessages;
