/**
 * The mock 3-D Secure challenge: a modal `<dialog>` in light DOM, beside the payment fields.
 * Loaded only when a payment asks for it.
 */
import type { ClientProviderContext, NextActionResult } from '@omni-checkout/core/provider';
import type { NextAction } from '@omni-checkout/core/types';
import type { MockMessages } from './i18n/messages.js';

// Self-contained (no import shared with the fields; the caller hands over the messages), so the fields' chunk stays small.
const CSS =
  '.omni-mock-challenge{--_b:var(--omni-color-border,light-dark(#6b6b6b,#9aa0a6));--_bg:var(--omni-color-background,Canvas);' +
  '--_p:var(--omni-color-primary,light-dark(#0b57d0,#a8c7fa));--_r:var(--omni-radius,6px);--_s:var(--omni-spacing,8px);' +
  'font-family:var(--omni-font-family,inherit);font-size:var(--omni-font-size,1rem);color:var(--omni-color-text,CanvasText);' +
  'max-inline-size:min(28rem,calc(100vi - 2rem));padding:calc(var(--_s)*3);' +
    'border:1px solid var(--_b);border-radius:var(--_r);background:var(--_bg)}' +
    '.omni-mock-challenge::backdrop{background:rgb(0 0 0/.4)}' +
    '.omni-mock-challenge h2{margin-block:0 var(--_s);font-size:1.25em}' +
    '.omni-mock-challenge p{margin-block:0 calc(var(--_s)*2)}' +
    '.omni-mock-challenge div{display:flex;gap:var(--_s);justify-content:flex-end}' +
    '.omni-mock-challenge button{font:inherit;color:inherit;padding:var(--_s) calc(var(--_s)*2);border-radius:var(--_r);' +
    'border:1px solid var(--_b);background:var(--_bg);cursor:pointer}' +
    '.omni-mock-challenge button:last-child{background:var(--_p);color:var(--omni-color-on-primary,light-dark(#fff,#062e6f));border-color:transparent}' +
    '.omni-mock-challenge button:focus-visible{outline:2px solid var(--_p);outline-offset:2px}' +
    '.omni-mock-challenge button:disabled{opacity:.6;cursor:progress}';

let sheet: CSSStyleSheet | undefined;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

let count = 0;

const failed = (code: string, message: string): NextActionResult => ({ status: 'failed', error: { code, message } });

export async function handleNextAction(
  action: NextAction,
  ctx: ClientProviderContext,
  beside: HTMLElement | null,
  t: MockMessages,
): Promise<NextActionResult> {
  const challengeId = action.data['challengeId'];
  if (action.provider !== 'mock' || action.type !== 'challenge' || !challengeId) {
    return failed('unsupported_action', t.unsupportedAction);
  }
  const host = beside?.isConnected ? beside : document.body;
  const doc = host.ownerDocument;
  const previousFocus = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const id = `omni-mock-challenge-${++count}`;
  const dialog = el(doc, 'dialog', { class: 'omni-mock-challenge', dir: ctx.dir, lang: t.$code, 'aria-labelledby': `${id}-t`, 'aria-describedby': `${id}-d` });
  const cancel = el(doc, 'button', { type: 'button' }, t.cancel);
  const approve = el(doc, 'button', { type: 'button' }, t.approve);
  const actions = el(doc, 'div');
  actions.append(cancel, approve);
  dialog.append(
    el(doc, 'h2', { id: `${id}-t` }, t.challengeTitle),
    el(doc, 'p', { id: `${id}-d` }, t.challengeText),
    actions,
  );
  const root = host.getRootNode() as Document | ShadowRoot;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  const own = sheet;
  const adopted = !root.adoptedStyleSheets.includes(own);
  if (adopted) root.adoptedStyleSheets = [...root.adoptedStyleSheets, own];
  host.append(dialog);

  try {
    const choice = await new Promise<'approve' | 'cancel'>((resolve) => {
      const decide = (value: 'approve' | 'cancel') => {
        approve.disabled = cancel.disabled = true;
        dialog.setAttribute('aria-busy', 'true');
        resolve(value);
      };
      approve.addEventListener('click', () => decide('approve'));
      cancel.addEventListener('click', () => decide('cancel'));
      // Escape: keep the dialog open while the cancellation is sent; a forced close also cancels.
      dialog.addEventListener('cancel', (event) => {
        event.preventDefault();
        decide('cancel');
      });
      dialog.addEventListener('close', () => decide('cancel'));
      dialog.showModal();
      approve.focus();
    });
    let response: Response;
    try {
      response = await (ctx.fetch ?? fetch)(
        `${ctx.apiBase.replace(/\/+$/, '')}/v1/providers/mock/challenges/${encodeURIComponent(challengeId)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'omni-publishable-key': ctx.publishableKey },
          body: JSON.stringify({ decision: choice }),
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        },
      );
    } catch {
      return failed('network_error', t.networkError);
    }
    if (!response.ok) {
      const error = ((await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null)?.error;
      return failed(error?.code ?? 'provider_error', error?.message ?? t.verificationFailed);
    }
    return { status: choice === 'approve' ? 'completed' : 'canceled' };
  } finally {
    if (dialog.open) dialog.close();
    dialog.remove();
    if (adopted) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== own);
    if (previousFocus?.isConnected) previousFocus.focus();
  }
}
