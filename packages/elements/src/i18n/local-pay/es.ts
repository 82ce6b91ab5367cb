import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'Código BLIK',
  blikHint: 'Abre la aplicación de tu banco, genera un código BLIK e introduce sus 6 dígitos.',
  blikInvalid: 'Introduce los 6 dígitos de tu código BLIK.',
  blikApprove: 'Confirma el pago en la aplicación de tu banco.',
  scan: (method) => `Escanea el código con ${method} en tu teléfono y aprueba allí el pago.`,
  qrLabel: (method) => `Código QR de ${method}`,
  waiting: 'Esperando tu pago…',
  failed: 'El pago no se ha completado y no se ha cobrado nada. Elige una forma de pago e inténtalo de nuevo.',
  canceled: 'El pago no se terminó y no se ha cobrado nada. Vuelve a pagar cuando quieras.',
} satisfies LocalPayTranslation;
