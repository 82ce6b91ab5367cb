import type { ResumeTranslation } from './index.js';

export default {
  title: 'お手続きを続ける',
  text: '別の端末で、このショップのお手続きが完了していません。同じカートのまま、この端末で続けられます。',
  line: (quantity, name) => `${name} × ${quantity}`,
  total: (amount) => `合計 ${amount}`,
  continue: 'お手続きを続ける',
  dismiss: '今はしない',
  continuing: 'お手続きを開いています…',
  unavailable: 'このお手続きは続けられなくなりました。この端末のカートはそのまま残っています。',
  failed: 'うまくいきませんでした。もう一度お試しください。',
} satisfies ResumeTranslation;
