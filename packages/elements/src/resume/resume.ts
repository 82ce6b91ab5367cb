import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createResumeClient } from '@omni-checkout/core/identity-client';
import type { ResumeOffer } from '@omni-checkout/core/handoff';
import { OmniApiError } from '@omni-checkout/core/errors';
import { adoptLanguage } from '../i18n/catalogs.js';
import { loadResumeTranslation, type ResumeTranslation } from '../i18n/resume/index.js';
import { OmniResumeEvent } from './resume-event.js';

/** The total in the currency's own minor units (as core's `formatMoney`, kept here so this lazy chunk shares less with the checkout's first render). */
function money(amount: number, currency: string, lang: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits);
}

/**
 * "Continue your checkout" (docs/omnichannel.md, "Resume on another device"). Given the shopper
 * token of a recognised shopper signed in on this session, it asks the backend for their most
 * recent unfinished checkout at this merchant (lines and total only) and, when there is one,
 * offers to continue it here. Continuing exchanges the offer once for this device's own
 * credential of that session and fires `omni-resume`; `<omni-checkout>` (which loads this
 * element lazily after a sign-in) then switches to that session. Nothing shows without an offer.
 *
 * @event omni-resume - The shopper continued the checkout: `sessionId`, `clientSecret` (this device's own credential), `shopperToken`.
 * @csspart offer - The offer (heading, lines, total, buttons).
 * @csspart continue-button - "Continue your checkout".
 * @csspart dismiss-button - "Not now".
 */
export class OmniResume extends LitElement {
  // The theme's tokens (docs/theming.md) with their defaults, read here rather than imported (see `money`).
  static override styles = [
    css`
      :host {
        --_spacing: var(--omni-spacing, 8px);
        --_radius: var(--omni-radius, 6px);
        --_color-text: var(--omni-color-text, CanvasText);
        --_color-background: var(--omni-color-background, Canvas);
        --_color-border: var(--omni-color-border, light-dark(#6b6b6b, #9aa0a6));
        --_color-primary: var(--omni-color-primary, light-dark(#0b57d0, #a8c7fa));
        --_color-on-primary: var(--omni-color-on-primary, light-dark(#ffffff, #062e6f));
        display: block;
        font-family: var(--omni-font-family, inherit);
        font-size: var(--omni-font-size, 1rem);
        line-height: 1.5;
        color: var(--_color-text);
      }
      :host([hidden]) {
        display: none;
      }
      [part~='offer'] {
        display: grid;
        gap: var(--_spacing);
        margin-block-end: calc(var(--_spacing) * 2);
        padding: calc(var(--_spacing) * 2);
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
      }
      h2 {
        margin: 0;
        font-size: 1.125em;
        font-weight: 600;
      }
      p,
      ul {
        margin: 0;
      }
      ul {
        padding-inline-start: 1.25em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_spacing);
      }
      button {
        min-block-size: 44px;
        padding-block: var(--_spacing);
        padding-inline: calc(var(--_spacing) * 2);
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        background: var(--_color-background);
        color: var(--_color-text);
        font: inherit;
        cursor: pointer;
      }
      button[part~='continue-button'] {
        border-color: var(--_color-primary);
        background: var(--_color-primary);
        color: var(--_color-on-primary);
        font-weight: 600;
      }
      button:focus-visible {
        outline: none;
        box-shadow: var(--omni-focus-ring, 0 0 0 2px var(--_color-background), 0 0 0 4px var(--_color-primary));
      }
    `,
  ];

  // Declared without decorators: this lazy chunk then shares nothing more with the checkout's first render.
  static override properties = {
    apiBase: { attribute: 'api-base' },
    publishableKey: { attribute: 'publishable-key' },
    clientSecret: { attribute: false },
    shopperToken: { attribute: false },
    fetch: { attribute: false },
    t: { state: true },
    offer: { state: true },
    busy: { state: true },
    message: { state: true },
  };

  apiBase = '';
  publishableKey = '';
  /** This session's client secret (or device credential). */
  clientSecret = '';
  /** The signed-in shopper's token on this session. */
  shopperToken = '';
  fetch: typeof globalThis.fetch | undefined;

  private t: ResumeTranslation | null = null;
  private offer: ResumeOffer | null = null;
  private busy = false;
  private message = '';

  #lang = '';
  #asked = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The language and its direction, as every component takes them; its words are its own catalog's.
    const lang = adoptLanguage(this);
    if (lang !== this.#lang) {
      this.#lang = lang;
      void loadResumeTranslation(lang).then((t) => {
        if (this.#lang === lang) this.t = t;
      });
    }
    const key = `${this.clientSecret} ${this.shopperToken}`;
    if ((changed.has('shopperToken') || changed.has('clientSecret')) && this.shopperToken && this.clientSecret && key !== this.#asked) {
      this.#asked = key;
      void this.#ask(key);
    }
  }

  #client() {
    return createResumeClient(
      { apiBase: this.apiBase, publishableKey: this.publishableKey, clientSecret: this.clientSecret, ...(this.fetch ? { fetch: this.fetch } : {}) },
      this.shopperToken,
    );
  }

  async #ask(key: string): Promise<void> {
    try {
      const offer = await this.#client().offer();
      if (this.#asked === key) this.offer = offer;
    } catch {
      // No offer is the normal case: nothing to show, and the checkout goes on as it is.
      if (this.#asked === key) this.offer = null;
    }
  }

  #continue = async (): Promise<void> => {
    if (!this.offer || this.busy) return;
    this.busy = true;
    this.message = this.t?.continuing ?? '';
    try {
      const device = await this.#client().resume(this.offer.sessionId);
      this.offer = null;
      this.message = '';
      this.dispatchEvent(new OmniResumeEvent(device));
    } catch (error) {
      const gone = error instanceof OmniApiError && error.code === 'resume_not_available';
      if (gone) this.offer = null;
      this.message = (gone ? this.t?.unavailable : this.t?.failed) ?? '';
    } finally {
      this.busy = false;
    }
  };

  #dismiss = (): void => {
    this.offer = null;
  };

  protected override render(): TemplateResult {
    const { t, offer } = this;
    const lang = this.#lang || 'en';
    return html`${t && offer
        ? html`<section part="offer" aria-labelledby="resume-heading">
            <h2 id="resume-heading">${t.title}</h2>
            <p>${t.text}</p>
            <ul>
              ${offer.lineItems.map((line) => html`<li>${t.line(line.quantity, line.name)}</li>`)}
            </ul>
            <p><strong>${t.total(money(offer.total, offer.currency, lang))}</strong></p>
            <div class="actions">
              <button part="continue-button" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.#continue}>${t.continue}</button>
              <button part="dismiss-button" type="button" @click=${this.#dismiss}>${t.dismiss}</button>
            </div>
          </section>`
        : nothing}
      <p role="status">${this.message}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omni-resume': OmniResume;
  }
}
