import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguageDirection } from './direction.js';

const made: Element[] = [];
afterEach(() => made.splice(0).forEach((el) => el.remove()));

/** `<div …outer><x-el …inner></x-el></div>` in the document; answers the inner element. */
function tree(outer: Record<string, string>, inner: Record<string, string> = {}): HTMLElement {
  const div = document.createElement('div');
  const el = document.createElement('span');
  for (const [k, v] of Object.entries(outer)) div.setAttribute(k, v);
  for (const [k, v] of Object.entries(inner)) el.setAttribute(k, v);
  div.append(el);
  document.body.append(div);
  made.push(div);
  return el;
}

describe('direction from the language', () => {
  it('a right-to-left language makes the element rtl; left to right needs nothing without an outer dir', () => {
    const ar = tree({ lang: 'ar' });
    applyLanguageDirection(ar, 'ar-SA');
    expect(ar.dir).toBe('rtl');
    expect(getComputedStyle(ar).direction).toBe('rtl');
    const pl = tree({ lang: 'pl' });
    applyLanguageDirection(pl, 'pl');
    expect(pl.hasAttribute('dir')).toBe(false);
  });

  it('the language wins over a farther dir; a dir as close as the lang wins over the language', () => {
    const closer = tree({ dir: 'ltr', lang: 'en' }, { lang: 'he' });
    applyLanguageDirection(closer, 'he');
    expect(closer.dir).toBe('rtl');
    const plInRtl = tree({ dir: 'rtl', lang: 'ar' }, { lang: 'pl' });
    applyLanguageDirection(plInRtl, 'pl');
    expect(plInRtl.dir).toBe('ltr');
    const same = tree({ dir: 'ltr', lang: 'ar' });
    applyLanguageDirection(same, 'ar');
    expect(same.hasAttribute('dir')).toBe(false);
    expect(getComputedStyle(same).direction).toBe('ltr');
  });

  it('never touches the author’s own dir, and takes back its own when the language changes', () => {
    const authored = tree({ lang: 'ar' }, { dir: 'ltr' });
    applyLanguageDirection(authored, 'ar');
    expect(authored.dir).toBe('ltr');
    const el = tree({}, { lang: 'ar' });
    applyLanguageDirection(el, 'ar');
    expect(el.dir).toBe('rtl');
    el.lang = 'de';
    applyLanguageDirection(el, 'de');
    expect(el.hasAttribute('dir')).toBe(false);
  });
});
