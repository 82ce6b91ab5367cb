/**
 * The session id inside a client secret (`cs_…_secret_…`). Its own module so the identity client,
 * loaded lazily, does not pull the whole checkout client into a chunk of its own.
 */
import { OmniApiError } from './errors.js';

/** The session id is the part of the client secret before `_secret_`. */
export function sessionIdFromClientSecret(clientSecret: string): string {
  const index = clientSecret.indexOf('_secret_');
  if (index <= 0) throw new OmniApiError('invalid_client_secret', 'This checkout link is not valid.', 0);
  return clientSecret.slice(0, index);
}
