/**
 * Passkeys (WebAuthn through SimpleWebAuthn): registering one for a verified shopper, and signing
 * in with a discoverable credential. Challenges are single-use, ≤ 5 minutes, bound to the session.
 */
import type { AuthenticationResponseJSON, AuthenticatorTransport, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ShopperSession } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import { WEBAUTHN_TTL_MS, type Caller, type IdentityDeps, type ShopperTokenRecord } from './deps.js';
import { issueSession, rememberDevice } from './shopper.js';
import { storeOf, type WebauthnChallenge } from './store.js';

const rpIdOf = (origin: string) => new URL(origin).hostname;

/** SimpleWebAuthn (over a second to load on a busy machine) loads at the first passkey request, not with the server. */
const webauthn = () => import('@simplewebauthn/server');

const challengeFor = (caller: Caller, challenge: string, purpose: WebauthnChallenge['purpose'], shopperId: string | null): WebauthnChallenge => ({
  challenge,
  purpose,
  shopperId,
  merchantId: caller.merchant.id,
  sessionId: caller.session.id,
});

async function storeChallenge(deps: IdentityDeps, caller: Caller, challenge: string, purpose: WebauthnChallenge['purpose'], shopperId: string | null) {
  await storeOf(deps.db).insertWebauthnChallenge(
    challengeFor(caller, challenge, purpose, shopperId),
    new Date(deps.now().getTime() + WEBAUTHN_TTL_MS),
  );
}

/** Marks the challenge used (once, ≤ 5 minutes, this session and merchant only); true when it was valid. */
async function consumeChallenge(deps: IdentityDeps, caller: Caller, challenge: string, purpose: WebauthnChallenge['purpose'], shopperId: string | null) {
  return storeOf(deps.db).consumeWebauthnChallenge(challengeFor(caller, challenge, purpose, shopperId), deps.now());
}

function challengeOf(response: { response?: { clientDataJSON?: unknown } }): string {
  try {
    const data = JSON.parse(Buffer.from(String(response.response?.clientDataJSON ?? ''), 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' ? data.challenge : '';
  } catch {
    return '';
  }
}

const passkeyFailed = () => new ApiError(400, 'passkey_failed', 'Your passkey could not be checked. Try again, or use a code instead.');

export async function passkeyRegistrationOptions(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord) {
  const store = storeOf(deps.db);
  const row = await store.shopper(token.shopperId);
  if (!row) throw new ApiError(401, 'invalid_shopper_token', 'Please verify again.');
  const rows = await store.passkeyCredentials(token.shopperId);
  const email = deps.vault.open(row.email_sealed as string);
  const options = await (await webauthn()).generateRegistrationOptions({
    rpName: caller.merchant.name,
    rpID: rpIdOf(caller.origin),
    userName: email,
    userDisplayName: email,
    userID: new TextEncoder().encode(token.shopperId),
    attestationType: 'none',
    timeout: WEBAUTHN_TTL_MS,
    excludeCredentials: rows.map((r) => ({ id: r.credential_id as string, transports: r.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(deps, caller, options.challenge, 'register', token.shopperId);
  return { options: options as unknown as Record<string, unknown> };
}

export async function registerPasskey(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, response: Record<string, unknown>) {
  const challenge = challengeOf(response);
  if (!challenge || !(await consumeChallenge(deps, caller, challenge, 'register', token.shopperId))) throw passkeyFailed();
  let verification;
  try {
    verification = await (await webauthn()).verifyRegistrationResponse({
      response: response as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: caller.origin,
      expectedRPID: rpIdOf(caller.origin),
      requireUserVerification: true,
    });
  } catch (error) {
    deps.logger.info({ err: error }, 'passkey registration rejected');
    throw passkeyFailed();
  }
  if (!verification.verified) throw passkeyFailed();
  const { credential } = verification.registrationInfo;
  await storeOf(deps.db).insertPasskey(
    credential.id,
    token.shopperId,
    Buffer.from(credential.publicKey).toString('base64url'),
    credential.counter,
    credential.transports ?? [],
  );
  // Registering a passkey on this device is also asking to be remembered here (one-click next time).
  const deviceToken = await rememberDevice(deps, caller, token.shopperId, deps.now());
  return { registered: true, deviceToken };
}

/** Options for a discoverable-credential sign-in (conditional mediation or the explicit button). */
export async function passkeyAuthenticationOptions(deps: IdentityDeps, caller: Caller) {
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID: rpIdOf(caller.origin), userVerification: 'required', timeout: WEBAUTHN_TTL_MS });
  await storeChallenge(deps, caller, options.challenge, 'authenticate', null);
  return { options: options as unknown as Record<string, unknown> };
}

export async function authenticatePasskey(
  deps: IdentityDeps,
  caller: Caller,
  response: Record<string, unknown>,
  rememberDevice: boolean,
): Promise<ShopperSession> {
  const challenge = challengeOf(response);
  if (!challenge || !(await consumeChallenge(deps, caller, challenge, 'authenticate', null))) throw passkeyFailed();
  const store = storeOf(deps.db);
  const stored = await store.passkey(String(response.id ?? ''));
  if (!stored) throw passkeyFailed();
  let verification;
  try {
    verification = await (await webauthn()).verifyAuthenticationResponse({
      response: response as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: caller.origin,
      expectedRPID: rpIdOf(caller.origin),
      requireUserVerification: true,
      credential: {
        id: stored.credential_id as string,
        publicKey: new Uint8Array(Buffer.from(stored.public_key as string, 'base64url')),
        counter: Number(stored.counter),
        transports: stored.transports as AuthenticatorTransport[],
      },
    });
  } catch (error) {
    deps.logger.info({ err: error }, 'passkey sign-in rejected');
    throw passkeyFailed();
  }
  if (!verification.verified) throw passkeyFailed();
  await store.usePasskey(stored.credential_id, verification.authenticationInfo.newCounter, deps.now());
  return issueSession(deps, caller, stored.shopper_id as string, 'passkey', rememberDevice);
}
