import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('ar');

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
  addressLine2: 'الشقة أو الجناح أو الطابق (اختياري)',
  addAddressLine2: 'إضافة شقة أو جناح أو طابق',
  city: 'المدينة',
  region: 'الولاية أو المقاطعة أو المنطقة',
  postalCode: 'الرمز البريدي',
  phone: 'الهاتف (اختياري)',
  optional: (label) => `${label} (اختياري)`,

  shippingMethod: 'طريقة الشحن',
  free: 'مجاني',
  deliveryEstimate: (min, max) =>
    min === max ? `${count.format(min)} يوم عمل` : `من ${count.format(min)} إلى ${count.format(max)} أيام عمل`,
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
  },
} satisfies Translation;

export default ar;
