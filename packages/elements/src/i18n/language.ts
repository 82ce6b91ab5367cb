/**
 * Which language an element speaks, and its direction, without any catalog: what the parts that
 * have their own messages (the order status page, the handoff, the wallets) and the checkout's
 * context need. `catalogs.ts` adds the catalogs' loaders; a page that imports only this module does
 * not reach them.
 */
import { applyLanguageDirection } from '../internal/direction.js';

/** The language an element speaks: its own `lang` (or an ancestor's), then `<html lang>`, then the browser's. */
export function languageOf(element: HTMLElement): string {
  const lang = langAttribute(element) || document.documentElement.lang || navigator.language;
  try {
    // A malformed tag (`en_US`) would make every `Intl` call throw.
    return Intl.getCanonicalLocales(lang)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The nearest `lang`, across shadow roots (a part inside `<omni-checkout lang="ar">` speaks Arabic). */
function langAttribute(element: Element): string {
  for (let node: Element | null = element; node; ) {
    const found = node.closest<HTMLElement>('[lang]');
    if (found) return found.lang;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

/** The element's language, whose direction it takes (`internal/direction.ts`). */
export function adoptLanguage(element: HTMLElement): string {
  const lang = languageOf(element);
  applyLanguageDirection(element, lang);
  return lang;
}

/**
 * Text a shopper or merchant wrote, isolated from the sentence around it (U+2068 FIRST STRONG
 * ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, what `<bdi>` does for an element): an English product
 * name or a Hebrew street inside an Arabic sentence keeps its own direction and does not reorder
 * the words around it.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
