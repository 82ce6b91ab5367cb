/**
 * The shape of Google's address data as `scripts/address-data.mjs` generates it into
 * `address-data/`. In a file of its own so that the generated loader table (`address-data/index.ts`)
 * and `address.ts`, which reads it, do not import each other.
 */
/** A country record of Google's data, reduced to the keys the forms use (see `scripts/address-data.mjs`). */
export interface RawAddressData {
  readonly fmt?: string;
  readonly lfmt?: string;
  readonly require?: string;
  readonly upper?: string;
  readonly zip?: string;
  readonly zipex?: string;
  readonly postprefix?: string;
  readonly state_name_type?: string;
  readonly locality_name_type?: string;
  readonly sublocality_name_type?: string;
  readonly zip_name_type?: string;
  readonly sub_keys?: string;
  readonly sub_names?: string;
  readonly sub_lnames?: string;
  readonly sub_isoids?: string;
  readonly sub_zips?: string;
  readonly lang?: string;
  readonly name?: string;
}
