import type { TenderTranslation } from './index.js';

export default {
  add: 'Añadir una tarjeta regalo',
  codeLabel: 'Código de la tarjeta regalo',
  codeHint: 'El código de tu tarjeta o de tu correo, p. ej. XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'Aplicar',
  applying: 'Aplicando…',
  card: (last4) => `Tarjeta regalo •••• ${last4}`,
  storeCredit: 'Saldo de la tienda',
  useStoreCredit: (amount) => `Usar tu saldo de la tienda (${amount})`,
  remove: 'Quitar',
  removeLabel: (what) => `Quitar: ${what}`,
  toPay: 'Por pagar',
  applied: (what, amount) => `${what} aplicado: ${amount}.`,
  covered: 'Tu tarjeta regalo o tu saldo de la tienda paga todo el pedido.',
  placeOrder: (amount) => `Realizar pedido (${amount})`,
  errors: {
    empty: 'Introduce el código de tu tarjeta regalo.',
    notFound: 'No encontramos ninguna tarjeta regalo con este código. Revísalo e inténtalo de nuevo.',
    inactive: 'Esta tarjeta regalo ha caducado o ya no se puede usar.',
    noBalance: 'Esta tarjeta regalo ya no tiene saldo.',
    currency: 'Esta tarjeta regalo está en otra moneda que este pedido.',
    tooMany: 'Se han probado demasiados códigos. Inténtalo más tarde.',
    alreadyCovered: 'Lo que has aplicado ya paga todo el pedido.',
    generic: 'No hemos podido aplicarlo. Inténtalo de nuevo.',
  },
} satisfies TenderTranslation;
