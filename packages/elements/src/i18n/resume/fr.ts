import type { ResumeTranslation } from './index.js';

export default {
  title: 'Reprendre votre commande',
  text: 'Vous avez laissé une commande inachevée ici sur un autre appareil. Reprenez-la sur celui-ci avec le même panier.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `Total ${amount}`,
  continue: 'Reprendre votre commande',
  dismiss: 'Pas maintenant',
  continuing: 'Ouverture de votre commande…',
  unavailable: 'Cette commande ne peut plus être reprise. Votre panier sur cet appareil est conservé.',
  failed: 'Cela n’a pas fonctionné. Veuillez réessayer.',
} satisfies ResumeTranslation;
