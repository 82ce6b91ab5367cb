import { BRAND_NAMES } from './brands.js';
import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('es');

const es = {
  $code: 'es',
  $name: 'Español',
  $dir: 'ltr',

  loading: 'Cargando el pago…',
  contact: 'Contacto',
  email: 'Correo electrónico',
  shippingAddress: 'Dirección de envío',
  fullName: 'Nombre completo',
  country: 'País',
  addressLine1: 'Dirección',
  addressLine2: 'Piso, puerta, bloque (opcional)',
  addAddressLine2: 'Añadir piso, puerta o bloque',
  city: 'Ciudad',
  region: 'Estado, provincia o región',
  postalCode: 'Código postal',
  phone: 'Teléfono (opcional)',
  optional: (label) => `${label} (opcional)`,

  shippingMethod: 'Método de envío',
  free: 'Gratis',
  deliveryEstimate: (min, max) =>
    min === max
      ? `${count.format(min)} ${min === 1 ? 'día hábil' : 'días hábiles'}`
      : `De ${count.format(min)} a ${count.format(max)} días hábiles`,
  payment: 'Pago',
  expressCheckout: 'Pago exprés',

  orderSummary: 'Resumen del pedido',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Subtotal',
  shipping: 'Envío',
  shippingNotChosen: 'Sin elegir',
  total: 'Total',

  pay: (amount) => `Pagar ${amount}`,
  paying: (amount) => `Pagando ${amount}…`,
  verifying: 'Tu banco está verificando el pago…',
  succeeded: 'Pago realizado',
  orderNumber: 'Número de pedido:',

  address: {
    billingAddress: 'Dirección de facturación',
    regionKinds: { area: 'Área', county: 'Condado', department: 'Departamento', district: 'Distrito', do_si: 'Provincia', emirate: 'Emirato', island: 'Isla', oblast: 'Óblast', parish: 'Parroquia', prefecture: 'Prefectura', province: 'Provincia', state: 'Estado' },
    cityKinds: { city: 'Ciudad', district: 'Distrito', post_town: 'Ciudad postal', suburb: 'Barrio' },
    districtKinds: { district: 'Distrito', neighborhood: 'Colonia o barrio', suburb: 'Barrio', townland: 'Townland', village_township: 'Pueblo o municipio' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'Código PIN', postal: 'Código postal', zip: 'Código ZIP' },
    sortingCode: 'Código de clasificación',
    chooseRegion: 'Elige…',
    example: (example) => `Por ejemplo, ${example}`,
  },

  paymentMethod: 'Método de pago',
  unavailableInTestMode: 'No disponible en modo de prueba',
  methods: { ...BRAND_NAMES, card: 'Tarjeta', sepa_debit: 'Adeudo directo SEPA', card_installments: 'Tarjeta a plazos', konbini: 'Konbini (tienda de conveniencia)', cash_on_delivery: 'Contra reembolso', gift_card: 'Tarjeta regalo o saldo de la tienda' },

  errors: {
    required: (label) => `Completa el campo «${label}».`,
    invalidEmail: 'Introduce un correo electrónico como nombre@example.com.',
    tooLong: (label) => `El campo «${label}» es demasiado largo.`,
    chooseShipping: 'Elige un método de envío.',
    cardIncomplete: 'Introduce los datos de tu tarjeta.',
    verificationCanceled: 'Has cancelado la verificación de la tarjeta, así que no se ha cobrado nada. Vuelve a pagar cuando quieras.',
    walletCanceled: 'Has cerrado la ventana de pago, así que no se ha cobrado nada. Vuelve a pagar cuando quieras.',
    loadFailed: 'No se ha podido cargar el pago. Comprueba tu conexión y vuelve a cargar la página.',
    providerFailed: 'No se ha podido cargar el formulario de pago. Vuelve a cargar la página para intentarlo de nuevo.',
    generic: 'Algo ha salido mal. Inténtalo de nuevo.',
    invalidPostalCode: (label, example) => (example ? `El campo «${label}» no tiene un formato válido; por ejemplo, ${example}.` : `El campo «${label}» no tiene un formato válido.`),
    postalCodeRegionMismatch: (postalCode, region) => `El campo «${postalCode}» no corresponde al campo «${region}» elegido.`,
    unknownRegion: (label) => `Elige el campo «${label}» de la lista.`,
    invalidPhone: (example) => `Introduce un número de teléfono como ${example}.`,
    controlCharacters: (label) => `El campo «${label}» contiene caracteres no permitidos.`,
  },
  identity: {
    passkeyButton: 'Iniciar sesión con una llave de acceso',
    codeSent: (hint) => `Si guardaste tus datos con nosotros, enviamos un código de 6 dígitos a ${hint}.`,
    codeLabel: 'Código de verificación',
    resend: 'Enviar un código nuevo',
    checking: 'Comprobando el código…',
    signedIn: (email) => `Sesión iniciada como ${email}`,
    notYou: '¿No eres tú?',
    shareQuestion: (merchant) => `¿Compartir tu dirección y métodos de pago guardados con ${merchant}?`,
    shareButton: 'Compartir y continuar',
    savePasskey: 'Guardar una llave de acceso para pagar con un clic',
    passkeySaved: 'Llave de acceso guardada. La próxima vez pagarás con un clic.',
    saveDetails: 'Guardar mis datos para pagar con un clic',
    saveDetailsHint: 'Guardamos tu dirección y una referencia de tu tarjeta del proveedor de pagos, para esta tienda y otras que usan este pago. Puedes borrarlos cuando quieras.',
    savePhone: 'Número de móvil para códigos de acceso (opcional)',
    savedMethods: 'Métodos de pago guardados',
    card: (brand, last4) => `${brand} terminada en ${last4}`,
    expires: (month, year) => `Caduca ${month}/${year}`,
    defaultMethod: 'Predeterminada',
    addNew: 'Añadir una tarjeta nueva',
    remove: (label) => `Eliminar ${label}`,
    confirmRemoval: 'Para eliminar una tarjeta, confirma que eres tú.',
    removed: 'Tarjeta eliminada.',
    payWith: (amount, last4, address) => `Pagar ${amount} con •••• ${last4}, entregar en ${address}`,
    welcomeBack: 'Hola de nuevo',
    useOtherDetails: 'Usar otros datos',
    errors: {
      invalidCode: 'El código no es correcto. Revisa el último mensaje e inténtalo de nuevo.',
      codeExpired: 'Este código ha caducado. Pide uno nuevo.',
      tooManyAttempts: 'Demasiados intentos. Espera un poco o usa tu llave de acceso.',
      passkeyFailed: 'No se pudo usar tu llave de acceso. Inténtalo de nuevo o usa un código.',
      rateLimited: 'Se pidieron demasiados códigos. Espera unos minutos.',
    },
  },
} satisfies Translation;

export default es;
