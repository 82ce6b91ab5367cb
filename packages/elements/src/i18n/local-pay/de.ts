import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'BLIK-Code',
  blikHint: 'Öffnen Sie Ihre Banking-App, erzeugen Sie einen BLIK-Code und geben Sie seine 6 Ziffern ein.',
  blikInvalid: 'Geben Sie die 6 Ziffern Ihres BLIK-Codes ein.',
  blikApprove: 'Bestätigen Sie die Zahlung in Ihrer Banking-App.',
  scan: (method) => `Scannen Sie den Code mit ${method} auf Ihrem Telefon und bestätigen Sie dort die Zahlung.`,
  qrLabel: (method) => `QR-Code für ${method}`,
  waiting: 'Wir warten auf Ihre Zahlung …',
  failed: 'Die Zahlung ist nicht durchgegangen, es wurde nichts abgebucht. Wählen Sie eine Zahlungsart und versuchen Sie es erneut.',
  canceled: 'Die Zahlung wurde nicht abgeschlossen, es wurde nichts abgebucht. Zahlen Sie erneut, wenn Sie bereit sind.',
} satisfies LocalPayTranslation;
