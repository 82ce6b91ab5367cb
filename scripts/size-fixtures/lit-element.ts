// Fixture for scripts/size.test.ts: a minimal LitElement with a legacy decorator and a lazy import.
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';

export class SizeFixture extends LitElement {
  @property() label = 'Pay';
  override render() {
    return html`<button>${this.label}</button>`;
  }
}
customElements.define('size-fixture', SizeFixture);

export const loadSchemas = () => import('../../packages/core/src/schemas.js');
