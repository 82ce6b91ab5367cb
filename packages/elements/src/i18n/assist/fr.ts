import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('fr');

export default {
  suggestions: 'Adresses suggérées',
  suggestionCount: (n) => `Adresses suggérées : ${number.format(n)}. Utilisez les flèches haut et bas pour choisir.`,
  noSuggestions: 'Aucune adresse suggérée. Continuez à saisir l’adresse.',
  suggestionsUnavailable: 'Les suggestions d’adresse sont indisponibles pour le moment. Saisissez l’adresse.',
  suggestionFilled: 'Adresse remplie. Veuillez la vérifier.',
  undeliverable: 'Nous ne pouvons pas livrer à cette adresse.',
} satisfies AssistTranslation;
