/**
 * Direction from the language: the element takes its language's direction (`rtl` for Arabic,
 * Hebrew, Persian, Urdu…) unless an explicit `dir` is at least as close as the `lang` (the author
 * decides: `<div dir="ltr" lang="ar">` stays left to right). `<omni-checkout lang="ar">` in an
 * English page is right to left, and `<omni-checkout lang="pl">` in an Arabic page left to right.
 * The host's own `dir` attribute carries it, so its light-DOM inputs (where autofill needs them),
 * its shadow tree and `:dir()` all follow. An author's own `dir` on the element is never touched.
 */
const RTL = /^(ar|ckb|dv|fa|he|iw|ps|sd|ug|ur|yi)\b/i;
const ours = new WeakSet<Element>();

export function applyLanguageDirection(element: HTMLElement, lang: string): void {
  if (element.dir && !ours.has(element)) return;
  const explicit = element.parentElement?.closest('[dir]');
  const langAt = element.closest('[lang]');
  // The language decides when no explicit direction is as close as the `lang`; left to right needs saying only against an outer `dir`.
  const decides = !explicit || (explicit !== langAt && explicit.contains(langAt));
  const dir = decides && RTL.test(lang) ? 'rtl' : decides && explicit ? 'ltr' : '';
  if (dir) {
    ours.add(element);
    // Only on a change: setting `dir` re-renders the element, which comes back here.
    if (element.dir !== dir) element.dir = dir;
  } else if (ours.delete(element)) element.removeAttribute('dir');
}
