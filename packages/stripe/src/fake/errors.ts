/**
 * Stripe's error answers in the fake API, and the parameter checks that raise them as Stripe does:
 * `parameter_unknown`, `parameter_missing`, `parameter_invalid_*`, `resource_missing`.
 */
import type Stripe from 'stripe';
import { stringOf, type Form } from './form.js';

/** An answer with Stripe's `{ error: body }` shape and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; decline_code?: string; param?: string; message: string; payment_intent?: Stripe.PaymentIntent },
  ) {
    super(body.message);
  }
}

/** Fails with Stripe's `parameter_unknown` for anything not in `allowed` (top-level names). */
export function allowOnly(form: Form, allowed: readonly string[]): void {
  for (const key of Object.keys(form)) {
    if (!allowed.includes(key)) {
      throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_unknown', param: key, message: `Received unknown parameter: ${key}` });
    }
  }
}

export function required(form: Form, name: string): string {
  const value = stringOf(form[name]);
  if (value === undefined || value === '') {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param: name, message: `Missing required param: ${name}.` });
  }
  return value;
}

export function integer(form: Form, name: string): number {
  const value = required(form, name);
  if (!/^-?\d+$/.test(value)) {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param: name, message: `Invalid integer: ${value}` });
  }
  return Number(value);
}

export function bool(form: Form, name: string): boolean | undefined {
  const value = stringOf(form[name]);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_boolean', param: name, message: `Invalid boolean: ${value}` });
  }
  return value === 'true';
}

export function oneOf<T extends string>(form: Form, name: string, values: readonly T[]): T | undefined {
  const value = stringOf(form[name]);
  if (value === undefined) return undefined;
  if (!values.includes(value as T)) {
    throw new ApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_string', param: name, message: `Invalid ${name}: must be one of ${values.join(', ')}` });
  }
  return value as T;
}

export const missing = (kind: string, value: string, param?: string) =>
  new ApiError(404, { type: 'invalid_request_error', code: 'resource_missing', ...(param ? { param } : {}), message: `No such ${kind}: '${value}'` });
