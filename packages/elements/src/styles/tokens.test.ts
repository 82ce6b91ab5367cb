import { describe, expect, it } from 'vitest';
import { tokens, descriptions, privateName, tokenStyles, type TokenName } from './tokens.js';
import { tokenDefaults } from './token-styles.js';
import { checkoutStyles } from '../checkout/checkout.styles.js';
import { lightStyles } from '../checkout/checkout.light-styles.js';
import { fieldStyles } from './field.styles.js';
import { summaryStyles } from '../summary/summary.styles.js';
import { shippingStyles } from '../shipping/shipping.styles.js';
import { addressStyles } from '../address/address.styles.js';
import { paymentMethodsStyles } from '../payment-methods/payment-methods.styles.js';
import { handoffStyles } from '../handoff/handoff.styles.js';

/** Every stylesheet a component ships, except the token declarations themselves. */
const componentCss = [...checkoutStyles, lightStyles, fieldStyles, ...summaryStyles, ...shippingStyles, ...addressStyles, ...paymentMethodsStyles, ...handoffStyles]
  .filter((s) => s !== tokenStyles)
  .map((s) => s.cssText)
  .join('\n');

const names = (css: string, pattern: RegExp) => new Set([...css.matchAll(pattern)].map((m) => m[1]!));

describe('theme tokens', () => {
  const declaredPrivate = new Set((Object.keys(tokens) as TokenName[]).map(privateName));
  const usedPrivate = names(componentCss, /var\((--_[a-z0-9-]+)/g);
  const locallyDeclared = names(componentCss, /(--_[a-z0-9-]+)\s*:/g);

  it('uses no token that is not defined', () => {
    const undefinedTokens = [...usedPrivate].filter((name) => !declaredPrivate.has(name) && !locallyDeclared.has(name));
    expect(undefinedTokens).toEqual([]);
  });

  it('defines no token that is not used', () => {
    // A token may also be used by another token's default (the focus ring uses the colours).
    const tokenDefaults = Object.values(tokens).map((t) => t.value).join('\n');
    const used = new Set([...usedPrivate, ...names(tokenDefaults, /var\((--_[a-z0-9-]+)/g)]);
    expect([...declaredPrivate].filter((name) => !used.has(name))).toEqual([]);
  });

  it('reads global tokens only through their private copies', () => {
    expect(names(componentCss, /(--omni-[a-z0-9-]+)/g)).toEqual(new Set());
    expect(tokenStyles.cssText).toContain('--_color-primary:var(--omni-color-primary,light-dark(#0b57d0, #a8c7fa));');
  });

  it('documents every token', () => {
    for (const [name, token] of Object.entries(tokens)) expect(token.description.length, name).toBeGreaterThan(5);
    // Descriptions are paired with the defaults by position: one each, no more.
    expect(Object.keys(tokens)).toEqual(Object.keys(tokenDefaults));
    expect(descriptions.length).toBe(Object.keys(tokenDefaults).length);
  });

  it('applies a merchant’s token to the element', async () => {
    await import('../checkout/define.js');
    const element = document.createElement('omni-checkout');
    element.style.setProperty('--omni-color-primary', 'rgb(1, 2, 3)');
    document.body.append(element);
    await element.updateComplete;
    expect(getComputedStyle(element).getPropertyValue('--_color-primary').trim()).toBe('rgb(1, 2, 3)');
    element.remove();
  });
});
