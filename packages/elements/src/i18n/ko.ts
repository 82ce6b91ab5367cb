import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('ko');

const ko = {
  $code: 'ko',
  $name: '한국어',
  $dir: 'ltr',

  loading: '결제 화면을 불러오는 중…',
  contact: '연락처',
  email: '이메일',
  shippingAddress: '배송지 주소',
  fullName: '이름',
  country: '국가',
  addressLine1: '주소',
  addressLine2: '상세 주소(동·호수) (선택)',
  addAddressLine2: '상세 주소(동·호수) 추가',
  city: '시/군/구',
  region: '시/도',
  postalCode: '우편번호',
  phone: '전화번호 (선택)',
  optional: (label) => `${label} (선택)`,

  shippingMethod: '배송 방법',
  free: '무료',
  deliveryEstimate: (min, max) =>
    min === max ? `영업일 기준 ${count.format(min)}일` : `영업일 기준 ${count.format(min)}~${count.format(max)}일`,
  payment: '결제',
  expressCheckout: '빠른 결제',

  orderSummary: '주문 요약',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: '소계',
  shipping: '배송비',
  shippingNotChosen: '아직 선택하지 않음',
  total: '합계',

  pay: (amount) => `${amount} 결제하기`,
  paying: (amount) => `${amount} 결제 중…`,
  verifying: '은행에서 결제를 확인하는 중입니다…',
  succeeded: '결제가 완료되었습니다',
  orderNumber: '주문 번호:',

  address: {
    billingAddress: '청구지 주소',
    regionKinds: { area: '지역', county: '카운티', department: '데파르트망', district: '구역', do_si: '시/도', emirate: '토후국', island: '섬', oblast: '주(오블라스트)', parish: '패리시', prefecture: '현(도도부현)', province: '주/성', state: '주' },
    cityKinds: { city: '시/군/구', district: '구', post_town: '우편 도시', suburb: '교외 지역' },
    districtKinds: { district: '구/동', neighborhood: '동네', suburb: '교외 지역', townland: '타운랜드', village_township: '읍/면' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'PIN 코드', postal: '우편번호', zip: 'ZIP 코드' },
    sortingCode: '분류 코드',
    chooseRegion: '선택…',
    example: (example) => `예: ${example}`,
  },

  errors: {
    required: (label) => `${label} 항목을 입력하세요.`,
    invalidEmail: 'name@example.com 형식의 이메일 주소를 입력하세요.',
    tooLong: (label) => `${label} 항목이 너무 깁니다.`,
    chooseShipping: '배송 방법을 선택하세요.',
    cardIncomplete: '카드 정보를 입력하세요.',
    verificationCanceled: '카드 인증을 취소하셨기 때문에 결제되지 않았습니다. 준비되면 다시 결제하세요.',
    walletCanceled: '결제 창을 닫으셨기 때문에 결제되지 않았습니다. 준비되면 다시 결제하세요.',
    loadFailed: '결제 화면을 불러오지 못했습니다. 연결 상태를 확인하고 페이지를 새로고침하세요.',
    providerFailed: '결제 양식을 불러오지 못했습니다. 페이지를 새로고침하여 다시 시도하세요.',
    generic: '문제가 발생했습니다. 다시 시도하세요.',
    invalidPostalCode: (label, example) => (example ? `${label} 형식이 올바르지 않습니다. 예: ${example}` : `${label} 형식이 올바르지 않습니다.`),
    postalCodeRegionMismatch: (postalCode, region) => `${postalCode} 항목이 선택한 ${region} 항목과 맞지 않습니다.`,
    unknownRegion: (label) => `목록에서 ${label} 항목을 선택하세요.`,
    invalidPhone: (example) => `전화번호를 ${example} 형식으로 입력하세요.`,
    controlCharacters: (label) => `${label} 항목에 사용할 수 없는 문자가 있습니다.`,
  },
} satisfies Translation;

export default ko;
