/**
 * Builds a country's `AddressRules` from its record in Google's i18n address data, with the loader
 * table of the records (`address-data/loaders.ts`). Loaded lazily by `loadAddressRules`
 * (`address.ts`) with the first country a page shows; the algorithm is described there.
 */
import { DEFAULTS } from './address-data/index.js';
import type { RawAddressData } from './address-raw.js';
import type { AddressPart, AddressRules, CityKind, DistrictKind, PostalCodeKind, RegionKind, RegionOption } from './address.js';

export { LOADERS } from './address-data/loaders.js';

const PARTS: Readonly<Record<string, readonly AddressPart[]>> = {
  N: ['name'],
  A: ['line1', 'line2'],
  D: ['dependentLocality'],
  C: ['city'],
  S: ['region'],
  Z: ['postalCode'],
  X: ['sortingCode'],
};

const split = (value: string | undefined): string[] => (value ? value.split('~') : []);

function layoutOf(format: string): AddressPart[][] {
  const rows: AddressPart[][] = [];
  for (const line of format.split('%n')) {
    const row: AddressPart[] = [];
    for (const [, code] of line.matchAll(/%([A-Z])/g)) {
      const parts = PARTS[code!];
      if (!parts) continue;
      if (code === 'A') {
        // Street lines are each a row of their own.
        if (row.length) rows.push(row.splice(0));
        rows.push(['line1'], ['line2']);
      } else row.push(...parts);
    }
    if (row.length) rows.push(row);
  }
  return rows;
}

function partsOf(letters: string): Set<AddressPart> {
  return new Set([...letters].flatMap((letter) => (letter === 'A' ? ['line1' as const] : PARTS[letter] ?? [])));
}

/** Builds the rules from a country's record (components and the backend call `loadAddressRules`). */
export function rulesFromData(country: string, raw: RawAddressData): AddressRules {
  const data = { ...DEFAULTS, ...raw };
  const format = data.fmt!;
  const latinFormat = data.lfmt ?? format;
  const keys = split(data.sub_keys);
  const names = split(data.sub_names);
  const latin = split(data.sub_lnames);
  const iso = split(data.sub_isoids);
  const zips = split(data.sub_zips);
  const regions = format.includes('%S')
    ? keys.map((key, i): RegionOption => ({
        key,
        name: names[i] || key,
        ...(latin[i] ? { latinName: latin[i] } : {}),
        ...(iso[i] ? { isoCode: iso[i] } : {}),
        ...(zips[i] ? { postalPrefix: zips[i] } : {}),
      }))
    : [];
  const layout = layoutOf(format);
  const present = new Set(layout.flat());
  return {
    country,
    lang: data.lang ?? null,
    layout,
    latinLayout: layoutOf(latinFormat),
    required: new Set([...partsOf(data.require ?? '')].filter((part) => present.has(part))),
    upper: partsOf(data.upper ?? ''),
    regionKind: (data.state_name_type ?? 'province') as RegionKind,
    cityKind: (data.locality_name_type ?? 'city') as CityKind,
    districtKind: (data.sublocality_name_type ?? 'suburb') as DistrictKind,
    postalCodeKind: (data.zip_name_type ?? 'postal') as PostalCodeKind,
    postalCodePattern: present.has('postalCode') && data.zip ? data.zip : null,
    postalCodeExamples: data.zipex ? data.zipex.split(',') : [],
    regions,
    format,
    latinFormat,
    envelopeName: data.name ?? country,
  };
}
