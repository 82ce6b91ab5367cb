import { afterEach, describe, expect, it } from 'vitest';
import { buttonStyleFor, paypalColor } from './style.js';

const sheets: CSSStyleSheet[] = [];
afterEach(() => {
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => !sheets.includes(s));
  document.body.replaceChildren();
});

/** A container under a themed ancestor (the theme set with CSSOM, as a strict style-src allows). */
function themed(css: string): HTMLElement {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`.themed { ${css} }`);
  sheets.push(sheet);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const outer = document.createElement('div');
  outer.className = 'themed';
  const container = document.createElement('div');
  outer.append(container);
  document.body.append(outer);
  return container;
}

describe('PayPal button style from the --omni-* tokens', () => {
  it('without a theme: PayPal’s recommended rect, 44 px, gold', () => {
    expect(buttonStyleFor(themed(''), 'paypal')).toEqual({ shape: 'rect', height: 44, label: 'pay', color: 'gold' });
  });

  it('the radius picks the shape: 0 → sharp, half the height or more → pill, else rect with that radius', () => {
    expect(buttonStyleFor(themed('--omni-radius: 0'), 'paypal')).toMatchObject({ shape: 'sharp' });
    expect(buttonStyleFor(themed('--omni-radius: 999px'), 'paypal')).toMatchObject({ shape: 'pill' });
    expect(buttonStyleFor(themed('--omni-radius: 12px'), 'paypal')).toMatchObject({ shape: 'rect', borderRadius: 12 });
    // Resolved through var() chains and relative units.
    expect(buttonStyleFor(themed('--my-radius: 0.5rem; --omni-radius: var(--my-radius)'), 'paypal')).toMatchObject({ shape: 'rect', borderRadius: 8 });
  });

  it('the font size sets the height, within PayPal’s 25–55 px', () => {
    expect(buttonStyleFor(themed('--omni-font-size: 18px'), 'paypal').height).toBe(50);
    expect(buttonStyleFor(themed('--omni-font-size: 40px'), 'paypal').height).toBe(55);
    expect(buttonStyleFor(themed('--omni-font-size: 6px'), 'paypal').height).toBe(25);
    // The pill threshold follows the height.
    expect(buttonStyleFor(themed('--omni-font-size: 12px; --omni-radius: 17px'), 'paypal')).toMatchObject({ height: 33, shape: 'pill' });
  });

  it('the primary colour picks the nearest PayPal colour, light-dark() resolved', () => {
    expect(buttonStyleFor(themed('--omni-color-primary: #0b57d0'), 'paypal').color).toBe('blue');
    expect(buttonStyleFor(themed('--omni-color-primary: #111'), 'paypal').color).toBe('black');
    expect(buttonStyleFor(themed('--omni-color-primary: #fafafa'), 'paypal').color).toBe('white');
    expect(buttonStyleFor(themed('--omni-color-primary: #8a8a8a'), 'paypal').color).toBe('silver');
    expect(buttonStyleFor(themed('--omni-color-primary: #c2410c'), 'paypal').color).toBe('gold');
    expect(buttonStyleFor(themed('color-scheme: light; --omni-color-primary: light-dark(#1d4ed8, #000)'), 'paypal').color).toBe('blue');
  });

  it('Venmo has no gold: blue instead', () => {
    expect(buttonStyleFor(themed(''), 'venmo').color).toBe('blue');
    expect(buttonStyleFor(themed('--omni-color-primary: #111'), 'venmo').color).toBe('black');
  });

  it('maps colours by lightness, saturation and hue', () => {
    expect(paypalColor([0, 112, 186])).toBe('blue');
    expect(paypalColor([255, 196, 57])).toBe('gold');
    expect(paypalColor([128, 128, 128])).toBe('silver');
  });
});
