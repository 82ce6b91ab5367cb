/**
 * Product names and descriptions in the markets' languages, apart from the catalogue: only the
 * product and cart pages, the shop's server and the kiosk name products, so the checkout,
 * confirmation and order-status pages do not load them (examples/shop/vite.config.ts groups
 * chunks by page).
 */
import type { Product } from './catalogue.js';

/** Product names and descriptions in the markets' languages (English is the catalogue's own). */
const PRODUCT_TEXT: Readonly<Record<string, Readonly<Record<string, { readonly name: string; readonly description: string }>>>> = {
  pl: {
    dripper: { name: 'Ceramiczny drip do parzenia przelewowego', description: 'Ręcznie szkliwiony drip z kamionki na jedną lub dwie filiżanki.' },
    beans: { name: 'Kawa ziarnista single origin, 250 g', description: 'Etiopskie ziarna obróbki mytej, jasno palone, nuty jaśminu i brzoskwini.' },
    mug: { name: 'Kubek emaliowany', description: 'Nakrapiany kubek emaliowany, 350 ml, dobry także przy ognisku.' },
    grinder: { name: 'Młynek ręczny', description: 'Stalowe żarna stożkowe, 40 ustawień mielenia, mieści się w torbie podróżnej.' },
  },
  ko: {
    dripper: { name: '세라믹 핸드드립 드리퍼', description: '한두 잔용, 손으로 유약을 입힌 석기 드리퍼.' },
    beans: { name: '싱글 오리진 원두, 250 g', description: '워시드 에티오피아 원두, 라이트 로스팅, 재스민과 복숭아 향.' },
    mug: { name: '법랑 머그', description: '점무늬 법랑 머그, 350 ml, 캠프파이어에서도 쓸 수 있어요.' },
    grinder: { name: '핸드 그라인더', description: '스틸 코니컬 버, 40단계 분쇄 조절, 여행 가방에 쏙 들어가요.' },
  },
  ar: {
    dripper: { name: 'قمع تقطير خزفي', description: 'قمع من الخزف الحجري مزجّج يدويًا لكوب أو كوبين.' },
    beans: { name: 'حبوب قهوة أحادية المصدر، 250 غ', description: 'حبوب إثيوبية مغسولة، تحميص فاتح، بنكهة الياسمين والخوخ.' },
    mug: { name: 'كوب مطلي بالمينا', description: 'كوب منقّط مطلي بالمينا، 350 مل، يصلح لنار المخيم.' },
    grinder: { name: 'مطحنة يدوية', description: 'شفرات مخروطية من الفولاذ، 40 درجة طحن، تتسع لها حقيبة السفر.' },
  },
};

/** A product's name and description in the market's language (the shop's server names line items the same way). */
export function productText(product: Product, lang: string): { readonly name: string; readonly description: string } {
  return PRODUCT_TEXT[lang]?.[product.id] ?? { name: product.name, description: product.description };
}
