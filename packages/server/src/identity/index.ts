/**
 * The shopper identity network as plain functions over one identity store (docs/security.md R17–R25,
 * R29–R33). The HTTP layer (`routes.ts`) authenticates the session and the merchant, validates,
 * and calls these. Personal data is sealed with the vault before it reaches SQL; email and phone
 * are found through keyed hashes; codes and tokens are stored only as keyed hashes.
 *
 * - `deps.ts`: dependencies, the caller, time limits, normalisation;
 * - `store.ts`: every SQL statement (the one identity store);
 * - `shopper.ts`: the profile view, shopper tokens, remembering a device, consent and step-up checks;
 * - `codes.ts`: one-time codes (lookup without enumeration, step-up codes, verification);
 * - `passkeys.ts`: WebAuthn registration and sign-in;
 * - `devices.ts`: remembered devices;
 * - `profile.ts`: saving and sharing consent, the profile and its addresses, contact changes;
 * - `methods.ts`: saved payment methods;
 * - `data.ts`: export and erasure (from a merchant's page only with that merchant's consent);
 * - `privacy.ts`: the shopper's own page for both, on the backend's origin, reached by a code by email;
 * - `payments.ts`: the checkout's payment hooks (paying with a saved method, saving with the order);
 * - `resume.ts`: resume an unfinished checkout on another device.
 */
export {
  CODE_TTL_MS,
  DEFAULT_SMS_COUNTRIES,
  DEFAULT_STEP_UP_NEW_COUNTRY_ABOVE,
  DEVICE_IDLE_MS,
  MAX_CODE_ATTEMPTS,
  STEP_UP_MS,
  TOKEN_TTL_MS,
  WEBAUTHN_TTL_MS,
  normaliseEmail,
  normalisePhone,
  type Caller,
  type IdentityDeps,
  type ShopperTokenRecord,
} from './deps.js';
export { authenticateShopper } from './shopper.js';
export { lookup, startStepUp, verifyCode } from './codes.js';
export { addAddress, applyProfile, changeContact, profile, setDefaultAddress, setSaveIntent, share } from './profile.js';
export { removeMethod, resolveSavedMethod, setDefaultMethod } from './methods.js';
export { deviceSummary, forgetDevice, recallDevice, revokeDevice } from './devices.js';
export { authenticatePasskey, passkeyAuthenticationOptions, passkeyRegistrationOptions, registerPasskey } from './passkeys.js';
export { erase, eraseForMerchant, exportData, exportForMerchant } from './data.js';
export { afterOrder, planPayment } from './payments.js';
export { resumeOffer, resumeSession } from './resume.js';
