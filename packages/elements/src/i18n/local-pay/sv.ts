import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'BLIK-kod',
  blikHint: 'Öppna bankappen, skapa en BLIK-kod och ange dess 6 siffror.',
  blikInvalid: 'Ange de 6 siffrorna i din BLIK-kod.',
  blikApprove: 'Bekräfta betalningen i din bankapp.',
  scan: (method) => `Skanna koden med ${method} i mobilen och godkänn betalningen där.`,
  qrLabel: (method) => `QR-kod för ${method}`,
  waiting: 'Väntar på din betalning …',
  failed: 'Betalningen gick inte igenom, så inget drogs. Välj ett betalsätt och försök igen.',
  canceled: 'Betalningen slutfördes inte, så inget drogs. Betala igen när du är redo.',
} satisfies LocalPayTranslation;
