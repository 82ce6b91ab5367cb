/**
 * The QR code of a handoff link, as one SVG path (loaded lazily with `uqr` when the shopper opens
 * "Pay on your phone"; counted in the size table).
 */
import { encode } from 'uqr';

export interface QrShape {
  /** Modules per side, quiet zone included. */
  readonly size: number;
  /** One `h1v1` square per dark module. */
  readonly path: string;
}

export function qrShape(text: string): QrShape {
  // Error correction M survives a scratched screen; a four-module quiet zone, as the standard asks.
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size, path };
}
