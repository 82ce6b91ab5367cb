/**
 * Phone numbers through libphonenumber-js (STYLE "Avoid": no hand-written phone rules). Loaded by
 * `<omni-address>` the first time a phone number is checked, so the metadata and the example
 * numbers stay out of the first render.
 */
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';

export interface PhoneCheck {
  readonly valid: boolean;
  /** The number in international format (`+48 501 234 567`) when valid. */
  readonly formatted: string;
  /** The number in E.164 (`+48501234567`) when valid, else ''. */
  readonly e164: string;
  /** An example mobile number of the country, in international format, for the error message. */
  readonly example: string;
}

/** Checks a number typed for an address in `country` (a number with `+` may be from anywhere). */
export function checkPhone(value: string, country: string): PhoneCheck {
  const region = country as CountryCode;
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    parsed = parsePhoneNumberFromString(value, region);
  } catch {
    parsed = undefined;
  }
  const example = (() => {
    try {
      return getExampleNumber(region, examples)?.formatInternational() ?? '+1 201 555 0123';
    } catch {
      return '+1 201 555 0123';
    }
  })();
  return parsed?.isValid()
    ? { valid: true, formatted: parsed.formatInternational(), e164: parsed.number, example }
    : { valid: false, formatted: value, e164: '', example };
}
