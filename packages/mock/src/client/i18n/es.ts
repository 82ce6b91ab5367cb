import type { MockMessages } from './messages.js';

export default {
  $code: 'es',
  cardDetails: 'Datos de la tarjeta',
  testMode: 'Modo de prueba: usa 4242 4242 4242 4242',
  cardNumber: 'Número de tarjeta',
  expiry: 'Fecha de caducidad',
  expiryPlaceholder: 'MM / AA',
  cvc: 'Código de seguridad (CVC)',
  errors: {
    incomplete_number: 'El número de la tarjeta está incompleto.',
    invalid_number: 'El número de la tarjeta no es válido.',
    incomplete_expiry: 'La fecha de caducidad de la tarjeta está incompleta.',
    invalid_expiry_month: 'El mes de caducidad de la tarjeta no es válido.',
    invalid_expiry_year_past: 'La tarjeta ya ha caducado.',
    incomplete_cvc: 'El código de seguridad de la tarjeta está incompleto.',
  },
  testCardRequired: 'Este es un pago de prueba: usa una tarjeta de prueba como 4242 4242 4242 4242.',
  challengeTitle: 'Confirma tu pago',
  challengeText: 'Verificación 3-D Secure de prueba de tu banco',
  approve: 'Aprobar',
  cancel: 'Cancelar',
  unsupportedAction: 'El proveedor de prueba no admite este paso del pago.',
  networkError: 'No pudimos conectar con el servicio de pago. Comprueba tu conexión e inténtalo de nuevo.',
  verificationFailed: 'No se pudo completar la verificación de la tarjeta. Inténtalo de nuevo.',
} satisfies MockMessages;
