import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: 'Sipariş bildirimleri',
  email: 'E-postayla',
  sms: 'SMS ile',
  both: 'E-posta ve SMS ile',
  phone: 'Cep telefonu numarası',
  hint: 'Siparişiniz onaylandığında, kargoya verildiğinde ve teslim edildiğinde takip bağlantısıyla SMS göndeririz.',
  required: 'SMS almak için cep telefonu numaranızı girin.',
  invalid: (example) => `${example} gibi bir cep telefonu numarası girin.`,
} satisfies OrderUpdatesTranslation;
