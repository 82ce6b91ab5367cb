/**
 * The order reference a shopper reads, writes down or says on the phone: `ord_3f9a1c0b7e2d…`
 * becomes `7ZD8R-1GYQ2` — 50 bits of the order id in Crockford's base 32 (no I, L, O or U to
 * misread), in two groups of five. The same id always gives the same reference; collisions among
 * a shop's orders are negligible (2^50 references).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function orderReference(orderId: string): string {
  const hex = /^ord_([0-9a-f]{13,})$/.exec(orderId)?.[1];
  if (!hex) return orderId;
  let bits = BigInt(`0x${hex.slice(0, 13)}`) >> 2n; // 52 bits → 50
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}
