/**
 * Removing a saved method in `<omni-saved-methods>`: the removal, and the fresh verification the
 * backend asks for first (docs/security.md R24: the passkey, else a code by text message, with its
 * code field). Loaded at the first press of a remove button, so showing saved methods does not
 * carry it. It takes Lit's `html`/`nothing` from the element, as `identity/phone-field.ts` does.
 */
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import { OmniApiError } from '@omni-checkout/core/errors';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { SavedMethod } from '@omni-checkout/core/identity';
import type { Translation } from '../i18n/index.js';
import { isPasskeyDismissal, signInWithPasskey } from '../identity/passkeys.js';

/** What the removal needs from `<omni-saved-methods>`. */
export interface RemovalHost {
  readonly lit: { readonly html: typeof litHtml; readonly nothing: typeof litNothing };
  readonly hasPasskey: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  t(): Translation;
  say(kind: 'alert' | 'notice', text: string): void;
  /** The backend removed it: the list shows the profile's methods. */
  removed(profile: { savedMethods: SavedMethod[] }): Promise<void>;
}

/** The step-up's hint and code field (`.hint`, `.step-up`), in the element's design tokens. */
let sheet: CSSStyleSheet | null = null;
function removalStyles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      .hint { color: var(--_color-text-muted); font-size: 0.875em; }
      .step-up { display: grid; gap: calc(var(--_spacing) / 2); }
      .step-up input {
        min-block-size: 44px;
        padding-inline: var(--_spacing);
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        font: inherit;
        letter-spacing: 0.3em;
      }
    `);
  }
  return sheet;
}

export class Removal {
  /** A running step-up by text message: the method it removes, its challenge and the masked phone. */
  #stepUp: { methodId: string; challengeId: string; hint: string } | null = null;

  constructor(readonly host: RemovalHost) {
    // Its own styles come with it: the element's shadow root adopts them when removal first loads.
    const root = host.renderRoot as ShadowRoot;
    if (root.adoptedStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, removalStyles()];
  }

  #failed(error: unknown, fallback = this.host.t().errors.generic): void {
    this.host.say('alert', error instanceof OmniApiError ? error.message : fallback);
  }

  async remove(backend: IdentityBackend, method: SavedMethod): Promise<void> {
    this.host.say('alert', '');
    try {
      await this.host.removed(await backend.removeMethod(method.id));
    } catch (error) {
      if (!(error instanceof OmniApiError) || error.code !== 'step_up_required') return this.#failed(error);
      await this.#verify(backend, method);
    }
  }

  /** Fresh verification: a passkey if the shopper has one, else a code by text message. */
  async #verify(backend: IdentityBackend, method: SavedMethod): Promise<void> {
    const host = this.host;
    host.say('notice', host.t().identity.confirmRemoval);
    if (host.hasPasskey) {
      try {
        await signInWithPasskey(backend);
        await host.removed(await backend.removeMethod(method.id));
      } catch (error) {
        if (!isPasskeyDismissal(error)) this.#failed(error, host.t().identity.errors.passkeyFailed);
      }
      return;
    }
    try {
      const challenge = await backend.stepUp();
      this.#stepUp = { methodId: method.id, challengeId: challenge.challengeId, hint: challenge.hint };
      host.requestUpdate();
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLInputElement>('input[name="step-up-code"]')?.focus();
    } catch (error) {
      this.#failed(error);
    }
  }

  #onInput = async (backend: IdentityBackend, event: Event): Promise<void> => {
    const input = event.target as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, 6);
    input.value = digits;
    if (digits.length !== 6 || !this.#stepUp) return;
    const { methodId, challengeId } = this.#stepUp;
    try {
      await backend.verify(challengeId, digits);
      await this.host.removed(await backend.removeMethod(methodId));
      this.#stepUp = null;
      this.host.requestUpdate();
    } catch (error) {
      input.value = '';
      this.#failed(error);
    }
  };

  /** The code field of a step-up by text message, or nothing. */
  template(backend: IdentityBackend | null): TemplateResult | typeof litNothing {
    const { html } = this.host.lit;
    if (!this.#stepUp || !backend) return this.host.lit.nothing;
    const i = this.host.t().identity;
    return html`<label class="step-up">
      <span>${i.codeLabel}</span>
      <input
        name="step-up-code"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="6"
        aria-describedby="step-up-hint"
        @input=${(event: Event) => this.#onInput(backend, event)}
      />
      <span id="step-up-hint" class="hint">${i.codeSent(this.#stepUp.hint)}</span>
    </label>`;
  }
}
