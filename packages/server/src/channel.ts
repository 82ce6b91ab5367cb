/**
 * Channel and device of a payment (docs/omnichannel.md, "Channel and device"): which channel a
 * confirm pays through and a coarse class of the device it came from. Only the class is kept,
 * never the user agent or a client hint itself (no fingerprinting).
 */
import type { z } from 'zod';
import type { Channel, DeviceClass, PaidChannel } from '@omni-checkout/core/schemas';

export type PaidChannel = z.infer<typeof PaidChannel>;
export type DeviceClass = z.infer<typeof DeviceClass>;

export interface PaidBy {
  readonly channel: PaidChannel;
  readonly device: DeviceClass | null;
}

/**
 * The class of the device sending a request: `Sec-CH-UA-Mobile: ?1` or a mobile user agent is a
 * phone; an iPad, an Android without "Mobile" or a "Tablet" is a tablet; any other browser a
 * desktop; no user agent at all (a server) is unknown (null).
 */
export function deviceClassOf(headers: { readonly userAgent?: string | null; readonly mobileHint?: string | null }): DeviceClass | null {
  const ua = headers.userAgent ?? '';
  if (headers.mobileHint === '?1') return 'phone';
  if (/\biPad\b|\bTablet\b/i.test(ua) || (/\bAndroid\b/i.test(ua) && !/\bMobile\b/i.test(ua))) return 'tablet';
  if (/\bMobi|\biPhone\b|\biPod\b|\bAndroid\b/i.test(ua)) return 'phone';
  if (headers.mobileHint === '?0' || /Mozilla\/|Opera\//.test(ua)) return 'desktop';
  return null;
}

/**
 * Who pays: a handed-off device pays through `handoff` (the class of that device), except in a
 * payment link's checkout, whose browser always comes in through a token and pays through `link`;
 * otherwise the session's own channel, and a kiosk or point of sale paying with its own
 * credential is the `kiosk` device whatever its browser says.
 */
export function paidBy(
  channel: z.infer<typeof Channel>,
  handoffDevice: string | undefined,
  headers: { readonly userAgent?: string | null; readonly mobileHint?: string | null },
): PaidBy {
  if (handoffDevice) return { channel: channel === 'link' ? 'link' : 'handoff', device: deviceClassOf(headers) };
  if (channel === 'kiosk' || channel === 'pos') return { channel, device: 'kiosk' };
  return { channel, device: deviceClassOf(headers) };
}
