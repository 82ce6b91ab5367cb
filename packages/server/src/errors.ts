import { checkAddress, type ApiErrorBody, type ApiErrorCode, type ApiErrorIssue, type PostalAddress } from '@omni-checkout/core';
import { describeIssue, issuePath } from '@omni-checkout/core/issues';
import type { z } from 'zod';

/** An error answered to the caller as `{ error: { code, message, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: readonly ApiErrorIssue[],
    readonly declineCode?: string,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
        ...(this.declineCode ? { declineCode: this.declineCode } : {}),
      },
    };
  }
}

/** Issues with those nested in record keys, map keys and unions (zod reports them inside `invalid_key` and the like). */
function flatIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    const here = { ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodIssue;
    const nested = 'issues' in issue && Array.isArray(issue.issues) ? (issue.issues as z.core.$ZodIssue[]) : [];
    const unions = 'errors' in issue && Array.isArray(issue.errors) ? (issue.errors as z.core.$ZodIssue[][]).flat() : [];
    return [here, ...flatIssues([...nested, ...unions], here.path)];
  });
}

/**
 * Turns a zod failure into a 400 with dotted paths; an unknown currency gets its own code. `input`
 * is what was validated: a field is called missing only when it is absent from it.
 */
export function validationError(error: z.ZodError, input?: unknown): ApiError {
  const issues = error.issues.map((issue) => describeIssue(issue, input));
  // Characters nothing can store come first, then characters that disguise text: each has its own code.
  const all = flatIssues(error.issues);
  for (const code of ['invalid_characters', 'hidden_characters'] as const) {
    const found = all.find((issue) => issue.code === 'custom' && issue.params?.code === code);
    if (found) {
      const where = found.path.length ? ` (${issuePath(found)})` : '';
      return new ApiError(400, code, `${found.message}${where}.`, issues);
    }
  }
  const unknownCurrency = error.issues.find((issue) => issue.code === 'custom' && issue.params?.code === 'unknown_currency');
  if (unknownCurrency) {
    return new ApiError(400, 'unknown_currency', 'That currency is not supported. Use an ISO 4217 code such as EUR, JPY or KWD.', issues);
  }
  const first = issues[0];
  const where = first?.path ? ` (${first.path}: ${first.message})` : '';
  return new ApiError(400, 'validation_failed', `Some fields are missing or invalid${where}.`, issues);
}

/**
 * The address normalised (NFC, region key, postal code case, only its country's fields), or a 400
 * `invalid_address` naming each field that breaks its country's rules (Google's address data).
 */
export async function checkedAddress(address: PostalAddress): Promise<PostalAddress> {
  const checked = await checkAddress(address);
  if (checked.ok) return checked.address;
  const issues = checked.issues.map(({ path, message }) => ({ path, message }));
  return Promise.reject(
    new ApiError(400, 'invalid_address', 'This address does not match the format of its country. Check the highlighted fields.', issues),
  );
}

export const notFound = () => new ApiError(404, 'not_found', 'There is nothing at this address. Check the method and path.');
export const internalError = () => new ApiError(500, 'internal_error', 'Something went wrong on our side. Please try again.');

/** Messages a shopper understands for each way a payment can fail. */
export const PAYMENT_FAILURE_MESSAGES = {
  card_declined: 'Your card was declined. Try another card.',
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  authentication_failed: 'Your bank could not verify this payment. Try again or use another card.',
  authentication_canceled: 'The card verification was canceled. Try again when you are ready.',
  provider_error: 'The payment could not be processed. You were not charged; please try again.',
} as const satisfies Partial<Record<ApiErrorCode, string>>;

export type PaymentFailureCode = keyof typeof PAYMENT_FAILURE_MESSAGES;
