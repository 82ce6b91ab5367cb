/**
 * The address-suggestion combobox of `<omni-address>` (ARIA 1.2 combobox pattern with a listbox
 * popup), loaded the first time the shopper focuses the first address line of an element that has
 * `suggestions`. The element itself only marks that line `role="combobox"` (it stays the native
 * `<input autocomplete="… address-line1">`, so browser autofill keeps working); everything else is
 * here: the listbox and the live region (rendered next to the input), the keyboard, the
 * `Suggester` and the messages. A pick fills the fields the way autofill does (values, then
 * `input` and `change` events), so it takes the element's own path: validation, normalisation,
 * the form value and `omni-address-change`.
 */
import { css, html, nothing, render, type ReactiveControllerHost } from 'lit';
import { fitSuggestedAddress, Suggester, type AddressSuggestion, type SuggesterState, type SuggestionSource } from '@omni-checkout/core/suggestions';
import type { AddressRules } from '@omni-checkout/core/address';
import { languageOf } from '../i18n/catalogs.js';
import { loadAssistTranslation, type AssistTranslation } from '../i18n/assist/index.js';

/** What the combobox needs of its `<omni-address>` (public API only). */
export interface SuggestHost extends HTMLElement, ReactiveControllerHost {
  readonly suggestions: SuggestionSource | null;
  readonly country: string;
  readonly addressRules: AddressRules | null;
}

/** Light-DOM styles of the list (adopted where the element lives, like the fields' own). */
const styles = css`
  omni-address .omni-suggest {
    position: relative;
  }
  omni-address .omni-suggestions {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    z-index: 10;
    margin: 0;
    padding: 0;
    list-style: none;
    background: var(--_color-background);
    color: inherit;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
    max-block-size: 16rem;
    overflow-y: auto;
  }
  omni-address .omni-suggestions[hidden] {
    display: none;
  }
  omni-address .omni-suggestions [role='option'] {
    padding: var(--_spacing) calc(var(--_spacing) * 1.5);
    cursor: pointer;
  }
  omni-address .omni-suggestions [aria-selected='true'] {
    background: var(--_color-primary);
    color: var(--omni-color-on-primary, #fff);
  }
  omni-address .omni-suggestion-more {
    display: block;
    font-size: 0.875em;
    opacity: 0.85;
  }
  omni-address .omni-suggest [role='status'] {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

let sheet: CSSStyleSheet | undefined;

/**
 * Adds the combobox to an `<omni-address>` (once). `typed` reads what the shopper last typed in the
 * first line while this code and its messages loaded (not what autofill put there), read once the
 * combobox listens: it is asked about at once.
 */
export async function attachSuggestions(host: SuggestHost, typed: () => string | undefined = () => undefined): Promise<AddressSuggest> {
  const language = languageOf(host);
  const suggest = new AddressSuggest(host, language, await loadAssistTranslation(language));
  suggest.caughtUp(typed());
  return suggest;
}

let lists = 0;

export class AddressSuggest {
  readonly #host: SuggestHost;
  readonly #container = document.createElement('div');
  readonly #listId = `omni-suggestions-${++lists}`;
  #t: AssistTranslation;
  #lang: string;
  #source: SuggestionSource | null = null;
  #suggester: Suggester | null = null;
  #state: SuggesterState = { status: 'idle' };
  #active = -1;
  #open = false;
  /** What the live region says; replaced (not appended) so each message is read once. */
  #announcement = '';

  constructor(host: SuggestHost, lang: string, t: AssistTranslation) {
    this.#host = host;
    this.#lang = lang;
    this.#t = t;
    this.#container.className = 'omni-suggest';
    const root = host.getRootNode();
    if (root instanceof Document || root instanceof ShadowRoot) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(styles.cssText);
      }
      // Constructed stylesheets: a strict CSP holds.
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    host.addEventListener('input', this.#onInput);
    host.addEventListener('keydown', this.#onKeydown);
    host.addEventListener('focusout', this.#onFocusOut);
    // The element re-renders its fields; keep the list next to the first line.
    host.addController({ hostUpdated: () => this.#render() });
    this.#render();
  }

  caughtUp(typed: string | undefined): void {
    const line1 = this.#line1();
    const root = this.#host.getRootNode() as Document | ShadowRoot;
    if (line1 && typed !== undefined && root.activeElement === line1 && line1.value === typed) this.#ask(typed);
  }

  #line1(): HTMLInputElement | null {
    const input = this.#host.querySelector<HTMLInputElement>('input[data-field="line1"]');
    return input?.closest('omni-address') === this.#host ? input : null;
  }

  #suggestions(): readonly AddressSuggestion[] {
    return this.#state.status === 'results' ? this.#state.suggestions : [];
  }

  get #expanded(): boolean {
    return this.#open && this.#suggestions().length > 0;
  }

  #context() {
    return { country: this.#host.country, language: languageOf(this.#host) };
  }

  #onInput = (event: Event): void => {
    const line1 = this.#line1();
    // The shopper's own typing in the first line, not autofill (plain `input` events, every field at once).
    if (event.target !== line1 || !(event instanceof InputEvent) || !event.inputType || event.inputType === 'insertReplacementText') return;
    this.#ask((event.target as HTMLInputElement).value);
  };

  #ask(text: string): void {
    const source = this.#host.suggestions;
    if (!source) return;
    if (source !== this.#source) {
      this.#suggester?.close();
      this.#source = source;
      this.#suggester = new Suggester({ source, onState: (state) => this.#onState(state) });
    }
    const context = this.#context();
    if (context.language !== this.#lang) {
      this.#lang = context.language;
      void loadAssistTranslation(context.language).then((t) => (this.#t = t), () => undefined);
    }
    this.#open = true;
    this.#active = -1;
    this.#suggester!.input(text, context);
  }

  #onFocusOut = (event: FocusEvent): void => {
    if (event.target === this.#line1()) this.#close();
  };

  /** Arrows move through the list (and wrap), Enter picks, Escape closes. */
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.target !== this.#line1()) return;
    const count = this.#suggestions().length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!count) return;
        const down = event.key === 'ArrowDown';
        if (!this.#open) {
          this.#open = true;
          this.#active = event.altKey ? -1 : down ? 0 : count - 1;
        } else if (!event.altKey) {
          this.#active = down ? (this.#active + 1) % count : this.#active <= 0 ? count - 1 : this.#active - 1;
        }
        break;
      }
      case 'Enter':
        if (!this.#expanded || this.#active < 0) return;
        void this.#pick(this.#suggestions()[this.#active]!);
        break;
      case 'Escape':
        if (!this.#expanded) return;
        this.#close();
        break;
      default:
        return;
    }
    event.preventDefault();
    this.#render();
  };

  #close(): void {
    this.#open = false;
    this.#active = -1;
    this.#suggester?.close();
    this.#render();
  }

  #onState(state: SuggesterState): void {
    this.#state = state;
    this.#active = -1;
    const t = this.#t;
    if (state.status === 'results') this.#announcement = state.suggestions.length ? t.suggestionCount(state.suggestions.length) : t.noSuggestions;
    else if (state.status === 'unavailable') this.#announcement = t.suggestionsUnavailable;
    else if (state.status === 'idle') this.#announcement = '';
    this.#render();
  }

  async #pick(suggestion: AddressSuggestion): Promise<void> {
    this.#open = false;
    this.#render();
    const context = this.#context();
    const found = await this.#suggester!.pick(suggestion, context);
    const rules = this.#host.addressRules;
    // Suggestions are asked for the form's country; an answer from elsewhere is not used.
    const address = found?.country === context.country && rules?.country === context.country ? fitSuggestedAddress(found, rules) : null;
    if (address) this.#fill(address);
    this.#announcement = address ? this.#t.suggestionFilled : this.#t.suggestionsUnavailable;
    this.#render();
  }

  /**
   * Fills every address field of the country's form as autofill does: the value, then `input` and
   * `change`; fields the address has no value for are emptied. The name and phone stay.
   */
  #fill(address: Partial<Record<string, string>>): void {
    const parts = new Set<string>(this.#host.addressRules!.layout.flat());
    const controls = [...this.#host.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-omni-address-field]')].filter(
      (control) => control.closest('omni-address') === this.#host,
    );
    for (const control of controls) {
      const field = control.dataset['field']!;
      if (!parts.has(field) || field === 'name') continue;
      control.value = address[field] ?? '';
      control.dispatchEvent(new Event('input', { bubbles: true }));
      control.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  #render(): void {
    const line1 = this.#line1();
    if (!line1) return;
    if (line1.nextElementSibling !== this.#container) line1.after(this.#container);
    const expanded = this.#expanded;
    const suggestions = this.#suggestions();
    line1.setAttribute('aria-controls', this.#listId);
    line1.ariaExpanded = String(expanded);
    if (expanded && this.#active >= 0) line1.setAttribute('aria-activedescendant', `${this.#listId}-${this.#active}`);
    else line1.removeAttribute('aria-activedescendant');
    render(
      html`<ul class="omni-suggestions" id=${this.#listId} role="listbox" aria-label=${this.#t.suggestions} ?hidden=${!expanded} @pointerdown=${(event: Event) => event.preventDefault()}>
          ${expanded
            ? suggestions.map(
                (suggestion, index) =>
                  html`<li id="${this.#listId}-${index}" role="option" aria-selected=${index === this.#active ? 'true' : 'false'} @click=${() => void this.#pick(suggestion)}>
                    <span class="omni-suggestion-main">${suggestion.mainText}</span>
                    ${suggestion.secondaryText ? html` <span class="omni-suggestion-more">${suggestion.secondaryText}</span>` : nothing}
                  </li>`,
              )
            : nothing}
        </ul>
        <p role="status">${this.#announcement}</p>`,
      this.#container,
    );
  }
}
