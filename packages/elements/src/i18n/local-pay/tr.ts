import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'BLIK kodu',
  blikHint: 'Banka uygulamanızı açın, bir BLIK kodu oluşturun ve 6 hanesini girin.',
  blikInvalid: 'BLIK kodunuzun 6 hanesini girin.',
  blikApprove: 'Ödemeyi banka uygulamanızda onaylayın.',
  scan: (method) => `Kodu telefonunuzdaki ${method} ile tarayın ve ödemeyi orada onaylayın.`,
  qrLabel: (method) => `${method} QR kodu`,
  waiting: 'Ödemeniz bekleniyor…',
  failed: 'Ödeme gerçekleşmedi, hiçbir ücret alınmadı. Bir ödeme yöntemi seçip yeniden deneyin.',
  canceled: 'Ödeme tamamlanmadı, hiçbir ücret alınmadı. Hazır olduğunuzda yeniden ödeyin.',
} satisfies LocalPayTranslation;
