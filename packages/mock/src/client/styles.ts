/**
 * Constructed stylesheets adopted on the container's root (document or shadow root), never
 * `style=` or `<style>`, so the mock runs under a strict Content Security Policy. The CSS reads
 * the `--omni-*` theme tokens, with the same defaults as `@omni-checkout/elements`.
 */
export type StyleRoot = Document | ShadowRoot;

/** Where a node's styles must live: its shadow root, or else its document. */
export function styleRootOf(node: Node): StyleRoot {
  const root = node.getRootNode();
  return root instanceof ShadowRoot || root instanceof Document ? root : (node.ownerDocument ?? document);
}

/**
 * Returns `adopt(root)`, which adopts one shared sheet of `css` on `root` (once, however many
 * mounts use it) and returns a release function; the last release removes the sheet again.
 */
export function sheetAdopter(css: string): (root: StyleRoot) => () => void {
  let sheet: CSSStyleSheet | undefined;
  const users = new WeakMap<StyleRoot, number>();
  return (root) => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    const own = sheet;
    const count = users.get(root) ?? 0;
    if (!count) root.adoptedStyleSheets = [...root.adoptedStyleSheets, own];
    users.set(root, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (users.get(root) ?? 1) - 1;
      users.set(root, left);
      if (!left) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== own);
    };
  };
}

/** `document.createElement` with attributes and text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Theme tokens with the elements' defaults, as private `--_*` copies, and the base font. */
export const TOKENS =
  '--_b:var(--omni-color-border,light-dark(#6b6b6b,#9aa0a6));--_bg:var(--omni-color-background,Canvas);' +
  '--_r:var(--omni-radius,6px);--_s:var(--omni-spacing,8px);' +
  'font-family:var(--omni-font-family,inherit);font-size:var(--omni-font-size,1rem);color:var(--omni-color-text,CanvasText)';
