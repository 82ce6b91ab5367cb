import type { ResumeTranslation } from './index.js';

export default {
  title: 'Dokończ zakupy',
  text: 'Na innym urządzeniu zostawiono tu niedokończone zamówienie. Dokończ je na tym urządzeniu z tym samym koszykiem.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `Razem ${amount}`,
  continue: 'Dokończ zakupy',
  dismiss: 'Nie teraz',
  continuing: 'Otwieranie zamówienia…',
  unavailable: 'Tego zamówienia nie można już dokończyć. Koszyk na tym urządzeniu pozostaje bez zmian.',
  failed: 'Nie udało się. Spróbuj ponownie.',
} satisfies ResumeTranslation;
