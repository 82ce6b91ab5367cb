/**
 * The order notices' HTML, rendered once per shape with the values put in place afterwards
 * (mjml-shapes.ts), is byte for byte MJML's own rendering of each document: every kind, left to
 * right and right to left, with and without the optional parts, and values full of markup
 * characters; the second email of a shape (the cached path) as well as the first.
 */
import { describe, expect, it } from 'vitest';
import { loadOrderText, paidViaLine } from '@omni-checkout/core/order-text';
import { noticeHtml, noticeSource, type NoticeContent } from './notify.js';
import { renderDirect, renderMjml } from './mjml-shapes.js';

async function contents(lang: string, n: number): Promise<NoticeContent[]> {
  const t = await loadOrderText(lang);
  const base = {
    t,
    shop: `Shop <b>"${n}"</b> & 'Co'`,
    orderId: `ord_${n}abc`,
    lines: Array.from({ length: 1 + (n % 3) }, (_, i) => ({ label: `${i + 1} × Tee <i>&${n}</i>`, amount: `€${n}.${i}9` })),
    summary: `Total paid: €${n}0.00 <&>`,
  };
  return [
    { ...base, kind: 'confirmed', tracking: null, link: `https://shop.example/status?a=1&b=${n}#order-status=ost_ord_${n}.x"y`, paidVia: paidViaLine(t, 'link', 'phone') },
    { ...base, kind: 'confirmed', tracking: null, link: null, paidVia: null },
    { ...base, kind: 'shipped', tracking: { carrier: `DHL & <Co> ${n}`, number: `JJD${n}"0`, url: `https://track.example/?n=${n}&x=<y>` }, link: 'https://shop.example/s#t=1' },
    { ...base, kind: 'shipped', tracking: { carrier: 'UPS', number: null, url: null }, link: null },
    { ...base, kind: 'delivered', tracking: null, link: 'https://shop.example/s' },
    { ...base, kind: 'return_received', tracking: null, link: null },
    { ...base, kind: 'refunded', tracking: null, link: `https://shop.example/r?${n}` },
  ];
}

describe('order notice HTML by shape', () => {
  for (const lang of ['en', 'pl', 'ar']) {
    it(`equals MJML's own rendering (${lang}), first and second email of each shape`, async () => {
      for (const n of [1, 2, 4]) {
        for (const content of await contents(lang, n)) {
          expect(await noticeHtml(content)).toBe(await renderDirect(noticeSource(content)));
        }
      }
    });
  }

  it('renders directly a shape whose placeholders MJML does not carry through', async () => {
    // An attribute MJML reads as a number: the placeholder in it does not come out unchanged.
    const build = (put: (escaped: string) => string) =>
      `<mjml><mj-body><mj-section><mj-column><mj-spacer height="${put('20px')}" /><mj-text>${put('hi &amp; bye')}</mj-text></mj-column></mj-section></mj-body></mjml>`;
    expect(await renderMjml(build)).toBe(await renderDirect(build));
    expect(await renderMjml(build)).toContain('hi &amp; bye');
  });
});
