import type { ResumeTranslation } from './index.js';

export default {
  title: 'Ödemenize devam edin',
  text: 'Burada başka bir cihazda yarım bıraktığınız bir ödeme var. Aynı sepetle bu cihazda devam edin.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `Toplam ${amount}`,
  continue: 'Ödemenize devam edin',
  dismiss: 'Şimdi değil',
  continuing: 'Ödemeniz açılıyor…',
  unavailable: 'Bu ödemeye artık devam edilemez. Bu cihazdaki sepetiniz duruyor.',
  failed: 'Olmadı. Lütfen tekrar deneyin.',
} satisfies ResumeTranslation;
