import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'Kod BLIK',
  blikHint: 'Otwórz aplikację banku, wygeneruj kod BLIK i wpisz jego 6 cyfr.',
  blikInvalid: 'Wpisz 6 cyfr kodu BLIK.',
  blikApprove: 'Potwierdź płatność w aplikacji banku.',
  scan: (method) => `Zeskanuj kod w aplikacji ${method} na telefonie i tam zatwierdź płatność.`,
  qrLabel: (method) => `Kod QR ${method}`,
  waiting: 'Czekamy na Twoją płatność…',
  failed: 'Płatność nie powiodła się, więc nic nie pobrano. Wybierz sposób płatności i spróbuj ponownie.',
  canceled: 'Płatność nie została dokończona, więc nic nie pobrano. Zapłać ponownie, gdy będziesz gotowy.',
} satisfies LocalPayTranslation;
