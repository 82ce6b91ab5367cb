import type { CSSResult } from 'lit';

const sheets = new Map<CSSResult, CSSStyleSheet>();

/**
 * Adopts a component's light-DOM stylesheet once on the document or shadow root that holds the
 * element (constructed stylesheets: no `<style>` elements, so a strict CSP holds). The fields
 * browsers autofill live in light DOM, outside the component's own shadow root.
 */
export function adoptLightStyles(root: Node, styles: CSSResult): void {
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  let sheet = sheets.get(styles);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(styles.cssText);
    sheets.set(styles, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
