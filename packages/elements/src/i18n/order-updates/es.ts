import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'Avisos del pedido',
  email: 'Por correo electrónico',
  sms: 'Por SMS',
  both: 'Por correo electrónico y SMS',
  phone: 'Número de móvil',
  hint: 'Te enviaremos un SMS cuando tu pedido se confirme, se envíe y se entregue, con un enlace para seguirlo.',
  required: 'Introduce tu número de móvil para recibir los SMS.',
  invalid: (example) => `Introduce un número de móvil como ${example}.`,
} satisfies OrderUpdatesTranslation;
