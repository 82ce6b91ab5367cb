import { BRAND_NAMES } from './brands.js';
import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('ar');
const plural = new Intl.PluralRules('ar');
/**
 * "N business days" with Arabic's forms: 1 يوم عمل واحد, 2 يوما عمل (dual), 3–10 أيام عمل (plural), 11–99 and
 * 100… يوم عمل (singular; before عمل the accusative loses its tanween). In a range the noun follows the last number.
 */
const businessDays = (n: number, withNumber = true): string => {
  const form = plural.select(n);
  const noun = form === 'two' ? 'يوما عمل' : form === 'few' ? 'أيام عمل' : 'يوم عمل';
  if (!withNumber) return noun;
  return form === 'one' ? 'يوم عمل واحد' : form === 'two' ? 'يوما عمل' : `${count.format(n)} ${noun}`;
};

const ar = {
  $code: 'ar',
  $name: 'العربية',
  $dir: 'rtl',

  loading: 'جارٍ تحميل صفحة الدفع…',
  contact: 'معلومات الاتصال',
  email: 'البريد الإلكتروني',
  shippingAddress: 'عنوان الشحن',
  fullName: 'الاسم الكامل',
  country: 'البلد',
  addressLine1: 'العنوان',
  addressLine2: 'الشقة أو الجناح أو الطابق',
  addAddressLine2: 'إضافة شقة أو جناح أو طابق',
  city: 'المدينة',
  region: 'الولاية أو المقاطعة أو المنطقة',
  postalCode: 'الرمز البريدي',
  phone: 'الهاتف',
  optional: (label) => `${label} (اختياري)`,

  shippingMethod: 'طريقة الشحن',
  free: 'مجاني',
  deliveryEstimate: (min, max) =>
    min === max ? businessDays(min) : `من ${count.format(min)} إلى ${count.format(max)} ${businessDays(max, false)}`,
  payment: 'الدفع',
  expressCheckout: 'الدفع السريع',

  orderSummary: 'ملخص الطلب',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'المجموع الفرعي',
  shipping: 'الشحن',
  shippingNotChosen: 'لم يتم الاختيار بعد',
  total: 'الإجمالي',

  pay: (amount) => `ادفع ${amount}`,
  paying: (amount) => `جارٍ دفع ${amount}…`,
  verifying: 'بانتظار تحقق البنك من عملية الدفع…',
  succeeded: 'تم الدفع بنجاح',
  orderNumber: 'رقم الطلب:',

  address: {
    billingAddress: 'عنوان الفوترة',
    regionKinds: { area: 'المنطقة', county: 'المقاطعة', department: 'الإقليم', district: 'المديرية', do_si: 'المقاطعة', emirate: 'الإمارة', island: 'الجزيرة', oblast: 'الإقليم', parish: 'الأبرشية', prefecture: 'المحافظة', province: 'المقاطعة', state: 'الولاية' },
    cityKinds: { city: 'المدينة', district: 'الحي', post_town: 'مدينة البريد', suburb: 'الضاحية' },
    districtKinds: { district: 'الحي', neighborhood: 'الحي السكني', suburb: 'الضاحية', townland: 'البلدة', village_township: 'القرية أو البلدة' },
    postalCodeKinds: { eircode: 'رمز Eircode', pin: 'رمز PIN', postal: 'الرمز البريدي', zip: 'الرمز البريدي (ZIP)' },
    sortingCode: 'رمز الفرز',
    chooseRegion: 'اختر…',
    example: (example) => `مثال: ${example}`,
  },

  paymentMethod: 'طريقة الدفع',
  methodFailed: 'تعذّر التحميل. اختر طريقة دفع أخرى.',
  methods: { ...BRAND_NAMES, card: 'البطاقة', sepa_debit: 'الخصم المباشر SEPA', card_installments: 'البطاقة بالتقسيط', konbini: 'الدفع في المتجر (Konbini)', cash_on_delivery: 'الدفع عند الاستلام', gift_card: 'بطاقة هدية أو رصيد المتجر', mada: 'مدى', stc_pay: 'STC Pay' },

  errors: {
    required: (label) => `أدخل ${label}.`,
    invalidEmail: 'أدخل بريدًا إلكترونيًا مثل name@example.com.',
    tooLong: (label) => `${label} طويل جدًا.`,
    chooseShipping: 'اختر طريقة الشحن.',
    cardIncomplete: 'أدخل بيانات بطاقتك.',
    verificationCanceled: 'لقد ألغيت التحقق من البطاقة، لذلك لم يتم خصم أي مبلغ. ادفع مرة أخرى عندما تكون جاهزًا.',
    walletCanceled: 'لقد أغلقت نافذة الدفع، لذلك لم يتم خصم أي مبلغ. ادفع مرة أخرى عندما تكون جاهزًا.',
    loadFailed: 'تعذّر تحميل صفحة الدفع. تحقق من اتصالك وأعد تحميل الصفحة.',
    providerFailed: 'تعذّر تحميل نموذج الدفع. أعد تحميل الصفحة للمحاولة مرة أخرى.',
    generic: 'حدث خطأ ما. يُرجى المحاولة مرة أخرى.',
    invalidPostalCode: (label, example) => (example ? `أدخل ${label} بصيغة صحيحة، مثل ${example}.` : `أدخل ${label} بصيغة صحيحة.`),
    postalCodeRegionMismatch: (postalCode, region) => `${postalCode} لا يتوافق مع ${region} الذي اخترته.`,
    unknownRegion: (label) => `اختر ${label} من القائمة.`,
    invalidPhone: (example) => `أدخل رقم هاتف مثل ${example}.`,
    controlCharacters: (label) => `يحتوي ${label} على أحرف غير مسموح بها.`,
    backend: {
      card_declined: 'تم رفض بطاقتك. جرّب بطاقة أخرى.',
      insufficient_funds: 'رصيد بطاقتك غير كافٍ. جرّب بطاقة أخرى.',
      authentication_failed: 'تعذّر على مصرفك التحقق من هذه الدفعة. حاول مرة أخرى أو استخدم بطاقة أخرى.',
      authentication_canceled: 'تم إلغاء التحقق من البطاقة. حاول مرة أخرى عندما تكون جاهزًا.',
      provider_error: 'تعذّرت معالجة الدفعة ولم يتم خصم أي مبلغ. يُرجى المحاولة مرة أخرى.',
      session_expired: 'انتهت صلاحية صفحة الدفع هذه. يُرجى البدء من جديد من المتجر.',
      invalid_client_secret: 'رابط الدفع هذا غير صالح.',
      network_error: 'تعذّر الوصول إلى خدمة الدفع. تحقق من اتصالك وحاول مرة أخرى.',
    },
  },
  identity: {
    passkeyButton: 'تسجيل الدخول بمفتاح المرور',
    codeSent: (hint) => `إذا كنت قد حفظت بياناتك لدينا، فقد أرسلنا رمزًا من 6 أرقام إلى ${hint}.`,
    codeLabel: 'رمز التحقق',
    resend: 'إرسال رمز جديد',
    askCode: 'هل حفظت بياناتك لدينا؟ أرسل لي رمزًا',
    checking: 'جارٍ التحقق من الرمز…',
    signedIn: (email) => `تم تسجيل الدخول باسم ${email}`,
    notYou: 'لست أنت؟',
    shareQuestion: (merchant) => `هل تريد مشاركة عنوانك وطرق الدفع المحفوظة مع ${merchant}؟`,
    shareButton: 'مشاركة ومتابعة',
    savePasskey: 'احفظ مفتاح مرور للدفع بنقرة واحدة',
    passkeySaved: 'تم حفظ مفتاح المرور. في المرة القادمة يمكنك الدفع بنقرة واحدة.',
    saveDetails: 'احفظ بياناتي للدفع بنقرة واحدة',
    saveDetailsHint: 'نحتفظ بعنوانك وبمرجع لبطاقتك من مزوّد الدفع، لهذا المتجر وللمتاجر الأخرى التي تستخدم صفحة الدفع هذه. يمكنك حذفها في أي وقت.',
    savePhone: 'رقم الجوال لرموز تسجيل الدخول (اختياري)',
    savedMethods: 'طرق الدفع المحفوظة',
    card: (brand, last4) => `${brand} تنتهي بـ ${last4}`,
    expires: (month, year) => `تنتهي ${month}/${year}`,
    defaultMethod: 'الافتراضية',
    addNew: 'إضافة بطاقة جديدة',
    remove: (label) => `إزالة ${label}`,
    confirmRemoval: 'لإزالة بطاقة، أكّد أنك أنت.',
    removed: 'تمت إزالة البطاقة.',
    payWith: (amount, last4, address) => `ادفع ${amount} بالبطاقة •••• ${last4}، والتوصيل إلى ${address}`,
    welcomeBack: 'مرحبًا بعودتك',
    useOtherDetails: 'استخدام بيانات أخرى',
    phoneLabel: 'رقم الجوال',
    usePhone: 'استخدم رقم الجوال بدلاً من ذلك',
    useEmail: 'استخدم البريد الإلكتروني بدلاً من ذلك',
    deliverTo: 'التوصيل إلى',
    newAddress: 'عنوان جديد',
    addressLabel: 'اسم لهذا العنوان',
    saveAddress: 'احفظ هذا العنوان',
    addressSaved: (l) => `تم حفظ العنوان «${l}».`,
    makeDefault: (l) => `اجعل «${l}» عنواني الافتراضي`,
    defaultAddressSet: (l) => `أصبح «${l}» عنوانك الافتراضي.`,
    stepUpNewCountry: (h) => `سيُشحن هذا الطلب إلى بلد جديد. للتأكد من هويتك، أدخل الرمز الذي أرسلناه إلى ${h}.`,
    errors: {
      invalidCode: 'الرمز غير صحيح. تحقق من أحدث رسالة وحاول مرة أخرى.',
      codeExpired: 'انتهت صلاحية هذا الرمز. اطلب رمزًا جديدًا.',
      tooManyAttempts: 'محاولات كثيرة جدًا. انتظر قليلًا أو استخدم مفتاح المرور.',
      passkeyFailed: 'تعذّر استخدام مفتاح المرور. حاول مرة أخرى أو استخدم رمزًا.',
      rateLimited: 'طُلبت رموز كثيرة جدًا. انتظر بضع دقائق.',
    },
  },
} satisfies Translation;

export default ar;
