import { DEV } from '#dev';

/** Where every development warning is explained, by its code. */
export const WARNINGS_DOCS = 'https://github.com/omni-checkout/omni-checkout/blob/main/packages/elements/README.md';

const issued = new Set<string>();

/**
 * Issues a development warning once per `key`, with a stable code and a docs link. Does nothing in
 * production builds (`DEV` is false there). esbuild keeps the message strings of a call behind an
 * imported `DEV` all the same: a warning a first render could reach belongs in `dev.ts` (see `prod.ts`).
 */
export function warnOnce(code: string, message: string, key: string = code): void {
  if (!DEV || issued.has(key)) return;
  issued.add(key);
  console.warn(`[omni-checkout] ${message}\n${code}: ${WARNINGS_DOCS}#${code}`);
}
