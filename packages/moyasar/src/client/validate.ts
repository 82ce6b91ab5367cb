/** Small checks of what the shopper typed, before anything is sent to Moyasar. */

/** The Luhn checksum every card number carries (12–19 digits). */
export function luhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** `MM/YY` or `MM / YYYY`, not in the past: `[month, four-digit year]`, else null. */
export function parseExpiry(value: string, now = new Date()): [number, number] | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return year * 12 + month - 1 < current ? null : [month, year];
}

/** A Saudi mobile number as STC Pay takes it (`05XXXXXXXX`), from `05…`, `5…`, `9665…` or `+966 5…`; else null. */
export function normaliseMobile(value: string): string | null {
  const digits = value.replace(/[\s\-()]/g, '').replace(/^\+/, '').replace(/^00/, '');
  const local = /^9665\d{8}$/.test(digits) ? `0${digits.slice(3)}` : /^5\d{8}$/.test(digits) ? `0${digits}` : digits;
  return /^05\d{8}$/.test(local) ? local : null;
}

/** `document.createElement` with attributes and text. */
export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
