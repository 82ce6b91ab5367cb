import type { ResumeTranslation } from './index.js';

export default {
  title: 'Continuar con tu compra',
  text: 'Dejaste una compra sin terminar aquí en otro dispositivo. Continúala en este con el mismo carrito.',
  line: (quantity, name) => `${quantity} × ${name}`,
  total: (amount) => `Total ${amount}`,
  continue: 'Continuar con tu compra',
  dismiss: 'Ahora no',
  continuing: 'Abriendo tu compra…',
  unavailable: 'Esa compra ya no se puede continuar. Tu carrito en este dispositivo sigue aquí.',
  failed: 'No ha funcionado. Inténtalo de nuevo.',
} satisfies ResumeTranslation;
