import type { ResumeTranslation } from './index.js';

export default {
  title: 'أكمل عملية الدفع',
  text: 'تركت عملية دفع غير مكتملة هنا على جهاز آخر. أكملها على هذا الجهاز بالسلة نفسها.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `الإجمالي ${amount}`,
  continue: 'أكمل عملية الدفع',
  dismiss: 'ليس الآن',
  continuing: 'جارٍ فتح عملية الدفع…',
  unavailable: 'لم يعد بالإمكان إكمال عملية الدفع هذه. سلتك على هذا الجهاز باقية كما هي.',
  failed: 'لم تنجح العملية. يُرجى المحاولة مرة أخرى.',
} satisfies ResumeTranslation;
