import type { CityKind, DistrictKind, PostalCodeKind, RegionKind } from '@omni-checkout/core/address';
import type { PaymentMethodType } from '@omni-checkout/core/types';

/**
 * What the backend (or the client reaching it) tells a shopper with a stable code, which catalogs
 * put in their language: why a payment failed, a checkout that expired or whose link is not
 * valid, a backend out of reach.
 */
export type BackendMessageCode =
  | 'card_declined'
  | 'insufficient_funds'
  | 'authentication_failed'
  | 'authentication_canceled'
  | 'provider_error'
  | 'session_expired'
  | 'invalid_client_secret'
  | 'network_error';

/** The shape every message catalog has. Adding a language is one file satisfying it (plus a loader line in `index.ts`). */
export interface Translation {
  /** BCP 47 code of the catalog. */
  readonly $code: string;
  /** The language's name in itself. */
  readonly $name: string;
  readonly $dir: 'ltr' | 'rtl';

  readonly loading: string;
  readonly contact: string;
  readonly email: string;
  readonly shippingAddress: string;
  readonly fullName: string;
  readonly country: string;
  readonly addressLine1: string;
  /** The field's name, without "(optional)": labels add it through `optional`, messages name the field without it. */
  readonly addressLine2: string;
  /** Button that reveals the second address line. */
  readonly addAddressLine2: string;
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  /** As `addressLine2`: the name only; the label says "(optional)" through `optional`. */
  readonly phone: string;
  readonly optional: (label: string) => string;

  readonly shippingMethod: string;
  readonly free: string;
  readonly deliveryEstimate: (minDays: number, maxDays: number) => string;
  readonly payment: string;
  /** `<omni-express>`: the group of wallet buttons. */
  readonly expressCheckout: string;

  readonly orderSummary: string;
  readonly lineItem: (name: string, quantity: number) => string;
  readonly subtotal: string;
  readonly shipping: string;
  readonly shippingNotChosen: string;
  readonly total: string;

  readonly pay: (amount: string) => string;
  readonly paying: (amount: string) => string;
  readonly verifying: string;
  readonly succeeded: string;
  readonly orderNumber: string;

  /** `<omni-address>`: field names per country (Google's data names each country's region, city, district and postal code). */
  readonly address: {
    readonly billingAddress: string;
    readonly regionKinds: Readonly<Record<RegionKind, string>>;
    readonly cityKinds: Readonly<Record<CityKind, string>>;
    readonly districtKinds: Readonly<Record<DistrictKind, string>>;
    readonly postalCodeKinds: Readonly<Record<PostalCodeKind, string>>;
    readonly sortingCode: string;
    /** First, empty option of a region list. */
    readonly chooseRegion: string;
    /** Hint under a field: an example value (a postal code). */
    readonly example: (example: string) => string;
  };

  /** Name of the list of ways to pay (`<omni-payment-methods>`). */
  readonly paymentMethod: string;
  /** A way to pay whose provider script could not load (offline, blocked): the others are offered. */
  readonly methodFailed: string;
  /** Each way to pay, by name (brands keep their names, see `brands.ts`). */
  readonly methods: Readonly<Record<PaymentMethodType, string>>;

  readonly errors: {
    readonly required: (label: string) => string;
    readonly invalidEmail: string;
    readonly tooLong: (label: string) => string;
    readonly chooseShipping: string;
    readonly cardIncomplete: string;
    readonly verificationCanceled: string;
    /** The shopper closed a wallet's own window (PayPal) without paying. */
    readonly walletCanceled: string;
    readonly loadFailed: string;
    readonly providerFailed: string;
    readonly generic: string;
    readonly invalidPostalCode: (label: string, example: string) => string;
    readonly postalCodeRegionMismatch: (postalCodeLabel: string, regionLabel: string) => string;
    readonly unknownRegion: (label: string) => string;
    readonly invalidPhone: (example: string) => string;
    readonly controlCharacters: (label: string) => string;
    /**
     * The backend's messages a shopper meets, by their stable code (`BackendMessageCode`). English
     * has none: the backend's messages are written in English for shoppers
     * (packages/server/src/errors.ts), and a code the catalog does not name is shown in the
     * backend's words. Read by any code.
     */
    readonly backend?: Readonly<Record<BackendMessageCode, string>> & { readonly [code: string]: string | undefined };
  };

  /** `<omni-identity>`, `<omni-saved-methods>`, save consent and one-click. */
  readonly identity: {
    readonly passkeyButton: string;
    /** Shown for known and unknown shoppers alike (no enumeration). */
    readonly codeSent: (hint: string) => string;
    readonly codeLabel: string;
    readonly resend: string;
    /**
     * The offer under a valid email (or mobile number), the same for every shopper and sending nothing
     * until pressed: no code field, no request, no error for a guest who does not ask.
     */
    readonly askCode: string;
    readonly checking: string;
    readonly signedIn: (email: string) => string;
    readonly notYou: string;
    readonly shareQuestion: (merchant: string) => string;
    readonly shareButton: string;
    readonly savePasskey: string;
    readonly passkeySaved: string;
    readonly saveDetails: string;
    readonly saveDetailsHint: string;
    readonly savePhone: string;
    readonly savedMethods: string;
    readonly card: (brand: string, last4: string) => string;
    readonly expires: (month: string, year: string) => string;
    readonly defaultMethod: string;
    readonly addNew: string;
    readonly remove: (label: string) => string;
    readonly confirmRemoval: string;
    readonly removed: string;
    readonly payWith: (amount: string, last4: string, address: string) => string;
    readonly welcomeBack: string;
    readonly useOtherDetails: string;
    /** `<omni-identity>`: the mobile-number field, and the buttons that switch between it and the email field. */
    readonly phoneLabel: string;
    readonly usePhone: string;
    readonly useEmail: string;
    /** `<omni-checkout identity>`: the saved addresses (radio group legend), adding one, the default. */
    readonly deliverTo: string;
    readonly newAddress: string;
    readonly addressLabel: string;
    readonly saveAddress: string;
    readonly addressSaved: (label: string) => string;
    readonly makeDefault: (label: string) => string;
    readonly defaultAddressSet: (label: string) => string;
    /** Step-up (docs/security.md R20) before a payment to a shipping country none of the saved addresses is in. */
    readonly stepUpNewCountry: (hint: string) => string;
    readonly errors: {
      readonly invalidCode: string;
      readonly codeExpired: string;
      readonly tooManyAttempts: string;
      readonly passkeyFailed: string;
      readonly rateLimited: string;
    };
  };
}
