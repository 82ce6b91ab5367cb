/**
 * PayPal's button style from the `--omni-*` theme, as Stripe's Payment Element gets it through its
 * Appearance API (packages/stripe/src/client/shared.ts): PayPal takes only a few named choices, so
 * each is the nearest to the theme.
 *
 *   shape, borderRadius  from --omni-radius: 0 → `sharp`; half the height or more → `pill`; else
 *                        `rect` with that radius (PayPal's `borderRadius`)
 *   height               from --omni-font-size: 2.75 × the font size (16px → 44), within PayPal's 25–55
 *   color                from --omni-color-primary: black, white, silver (greys), blue (blue hues) or
 *                        gold (PayPal's own, also for any other colour); Venmo has no gold (blue then)
 *
 * Unset tokens give PayPal's recommended look (`rect`, 44, `gold`). Tokens are read through a hidden
 * probe set with CSSOM (a strict style-src allows it), so `light-dark()`, system colours and `var()`
 * chains arrive resolved.
 */
import type { PayPalButtonStyle } from '@paypal/paypal-js';

export const DEFAULT_HEIGHT = 44;
const MIN_HEIGHT = 25;
const MAX_HEIGHT = 55;

type Color = NonNullable<PayPalButtonStyle['color']>;

/** Reads a token resolved through `property` (px lengths, `rgb()` colours); null when the token is unset. */
function resolved(node: HTMLElement, token: string, property: string): string | null {
  if (!getComputedStyle(node).getPropertyValue(token).trim()) return null;
  const probe = node.ownerDocument.createElement('i');
  probe.hidden = true;
  node.append(probe);
  probe.style.setProperty(property, `var(${token})`);
  const value = getComputedStyle(probe).getPropertyValue(property);
  probe.remove();
  return value;
}

/** `rgb(r, g, b)` / `rgba(…)` / `color(srgb …)` → [r, g, b] in 0–255, or null. */
export function parseRgb(value: string): [number, number, number] | null {
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const srgb = /color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(value);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255];
  return null;
}

/** The PayPal colour nearest to an RGB colour. */
export function paypalColor([r, g, b]: [number, number, number]): Color {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const lightness = (max + min) / 2;
  const saturation = max === min ? 0 : (max - min) / (1 - Math.abs(2 * lightness - 1));
  if (lightness < 0.18) return 'black';
  if (lightness > 0.92) return 'white';
  if (saturation < 0.15) return 'silver';
  let hue = 0;
  const d = max - min;
  if (max === r / 255) hue = 60 * (((g - b) / 255 / d) % 6);
  else if (max === g / 255) hue = 60 * ((b - r) / 255 / d + 2);
  else hue = 60 * ((r - g) / 255 / d + 4);
  if (hue < 0) hue += 360;
  return hue >= 180 && hue < 270 ? 'blue' : 'gold';
}

/** The button style for one funding source, from the theme on `node` (or its ancestors). */
export function buttonStyleFor(node: HTMLElement, source: string): PayPalButtonStyle {
  const fontSize = Number.parseFloat(resolved(node, '--omni-font-size', 'font-size') ?? '');
  const height = Number.isFinite(fontSize) ? Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.round(fontSize * 2.75))) : DEFAULT_HEIGHT;

  const radius = Number.parseFloat(resolved(node, '--omni-radius', 'border-top-left-radius') ?? '');
  const shape: NonNullable<PayPalButtonStyle['shape']> = !Number.isFinite(radius) ? 'rect' : radius <= 0 ? 'sharp' : radius >= height / 2 ? 'pill' : 'rect';

  const primary = resolved(node, '--omni-color-primary', 'color');
  let color: Color = primary ? (parseRgb(primary) ? paypalColor(parseRgb(primary)!) : 'gold') : 'gold';
  // Venmo's buttons come in blue, silver, white and black only.
  if (source === 'venmo' && color === 'gold') color = 'blue';

  return {
    shape,
    height,
    label: 'pay',
    ...(shape === 'rect' && Number.isFinite(radius) ? { borderRadius: radius } : {}),
    ...(source === 'paypal' || source === 'paylater' || source === 'venmo' ? { color } : {}),
  };
}
