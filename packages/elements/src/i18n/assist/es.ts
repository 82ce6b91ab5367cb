import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('es');

export default {
  suggestions: 'Direcciones sugeridas',
  suggestionCount: (n) => `Direcciones sugeridas: ${number.format(n)}. Usa las flechas arriba y abajo para elegir.`,
  noSuggestions: 'No hay direcciones sugeridas. Sigue escribiendo la dirección.',
  suggestionsUnavailable: 'Las sugerencias de dirección no están disponibles ahora. Escribe la dirección.',
  suggestionFilled: 'Dirección completada. Revísala.',
  undeliverable: 'No podemos entregar en esta dirección.',
} satisfies AssistTranslation;
