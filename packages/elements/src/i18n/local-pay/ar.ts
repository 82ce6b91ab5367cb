import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'رمز BLIK',
  blikHint: 'افتح تطبيق البنك وأنشئ رمز BLIK ثم أدخل أرقامه الستة.',
  blikInvalid: 'أدخل الأرقام الستة لرمز BLIK.',
  blikApprove: 'أكّد الدفع في تطبيق البنك.',
  scan: (method) => `امسح الرمز بتطبيق ${method} على هاتفك، ثم وافق على الدفع هناك.`,
  qrLabel: (method) => `رمز QR لـ ${method}`,
  waiting: 'بانتظار دفعتك…',
  failed: 'لم تتم عملية الدفع، ولم يُخصم أي مبلغ. اختر طريقة دفع وحاول مرة أخرى.',
  canceled: 'لم تكتمل عملية الدفع، ولم يُخصم أي مبلغ. ادفع مرة أخرى عندما تكون مستعدًا.',
} satisfies LocalPayTranslation;
