/**
 * The one-time code's message (email subject and text, SMS text) in the ten languages of the
 * checkout, chosen by the session's `locale` as the order emails are (`orderTextLocale`: English
 * for anything else). The code leads the subject, so it shows in a phone's notification.
 */
import { orderTextLocale, type OrderTextLocale } from '@omni-checkout/core/order-text';

interface CodeText {
  readonly subject: (code: string) => string;
  readonly text: (shop: string, code: string) => string;
}

const CODE_TEXT: Record<OrderTextLocale, CodeText> = {
  en: {
    subject: (code) => `${code} is your checkout code`,
    text: (shop, code) => `Your ${shop} checkout code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this message.`,
  },
  de: {
    subject: (code) => `${code} – Ihr Code für den Checkout`,
    text: (shop, code) =>
      `Ihr Code für den Checkout bei ${shop} lautet ${code}. Er ist 10 Minuten gültig. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.`,
  },
  pl: {
    subject: (code) => `${code} – Twój kod do zamówienia`,
    text: (shop, code) => `Twój kod do zamówienia w ${shop} to ${code}. Wygasa za 10 minut. Jeśli nie prosisz o ten kod, zignoruj tę wiadomość.`,
  },
  fr: {
    subject: (code) => `${code} – votre code de paiement`,
    text: (shop, code) => `Votre code de paiement chez ${shop} est ${code}. Il expire dans 10 minutes. Si vous ne l’avez pas demandé, ignorez ce message.`,
  },
  es: {
    subject: (code) => `${code} – tu código para pagar`,
    text: (shop, code) => `Tu código para pagar en ${shop} es ${code}. Caduca en 10 minutos. Si no lo has pedido, ignora este mensaje.`,
  },
  sv: {
    subject: (code) => `${code} – din kod för kassan`,
    text: (shop, code) => `Din kod för kassan hos ${shop} är ${code}. Den gäller i 10 minuter. Om du inte har bett om den kan du bortse från det här meddelandet.`,
  },
  tr: {
    subject: (code) => `${code} – ödeme kodunuz`,
    text: (shop, code) => `${shop} ödeme kodunuz: ${code}. 10 dakika geçerlidir. Bu kodu siz istemediyseniz bu mesajı dikkate almayın.`,
  },
  ja: {
    subject: (code) => `${code} – お支払いの確認コード`,
    text: (shop, code) => `${shop} の確認コードは ${code} です。有効期限は10分です。お心当たりがない場合は、このメッセージを無視してください。`,
  },
  ko: {
    subject: (code) => `${code} – 결제 인증 코드`,
    text: (shop, code) => `${shop} 결제 인증 코드는 ${code}입니다. 10분 후에 만료됩니다. 요청하지 않으셨다면 이 메시지를 무시하세요.`,
  },
  ar: {
    subject: (code) => `${code} – رمز الدفع الخاص بك`,
    text: (shop, code) => `رمز الدفع الخاص بك لدى ${shop} هو ${code}. تنتهي صلاحيته خلال 10 دقائق. إذا لم تطلبه، فتجاهل هذه الرسالة.`,
  },
};

/** The code's words in the language of `locale` (a session's, e.g. "pl" or "de-AT"). */
export function codeText(locale: string | null | undefined): CodeText {
  return CODE_TEXT[orderTextLocale(locale)];
}
