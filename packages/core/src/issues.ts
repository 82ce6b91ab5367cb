/**
 * One validation issue (zod's) as the API answers it: a dotted path and a message a person
 * understands. The real backend (`packages/server/src/errors.ts`) and the mock backend
 * (`packages/mock/src/backend/http.ts`) both answer with these, so their messages cannot drift.
 */
import type { z } from 'zod';

export function issuePath(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  // Unknown keys are reported on their parent; point at the key itself.
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => [...path, key].join('.')).join(', ');
  return path.join('.');
}

/** What the caller sent at `path` (zod leaves the input out of its issues). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** "a string", "an array", "null": a kind of JSON value, for "Expected a number, got a string". */
function article(kind: string): string {
  return kind === 'null' ? kind : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

function kindOf(value: unknown): string {
  return article(value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.length === 1 ? 'Unknown field' : 'Unknown fields';
  if (issue.code === 'invalid_type') {
    // Only a value that is not there is "Required": a fraction where an integer belongs keeps the
    // schema's own message, and a value of another type says what was expected and what came.
    const value = valueAt(input, issue.path);
    if (value === undefined) return 'Required';
    if (issue.expected === 'int') return issue.message;
    return `Expected ${article(issue.expected)}, got ${kindOf(value)}`;
  }
  return plainWords(issue);
}

/** zod's own English defaults ("Too small: expected number to be >=1"), as opposed to a schema's message. */
const ZOD_DEFAULT = /^(?:Too small|Too big|Invalid option|Invalid input|Invalid string): /;

const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

/** How many of what `origin` counts: "3 characters", "1 item". */
function counted(amount: number | bigint, origin: string): string {
  const unit = origin === 'string' ? 'character' : 'item';
  return `${amount} ${unit}${Number(amount) === 1 ? '' : 's'}`;
}

/**
 * A schema's own message as it is; zod's defaults for bounds and options in words a person reads
 * ("Must be 1 or more", "Must be at most 255 characters long", "Must be one of: card, paypal").
 */
function plainWords(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small': {
      const { minimum, inclusive, origin } = issue;
      if (origin === 'number' || origin === 'bigint' || origin === 'date') return inclusive ? `Must be ${minimum} or more` : `Must be more than ${minimum}`;
      if (issue.exact) return `Must be exactly ${counted(minimum, origin)}${origin === 'string' ? ' long' : ''}`;
      if (origin === 'string') return Number(minimum) <= 1 ? 'Must not be empty' : `Must be at least ${counted(minimum, origin)} long`;
      return `Must have at least ${counted(minimum, origin)}`;
    }
    case 'too_big': {
      const { maximum, inclusive, origin } = issue;
      if (origin === 'number' || origin === 'bigint' || origin === 'date') return inclusive ? `Must be ${maximum} or less` : `Must be less than ${maximum}`;
      if (issue.exact) return `Must be exactly ${counted(maximum, origin)}${origin === 'string' ? ' long' : ''}`;
      if (origin === 'string') return `Must be at most ${counted(maximum, origin)} long`;
      return `Must have at most ${counted(maximum, origin)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `Must be ${shown(issue.values[0])}` : `Must be one of: ${issue.values.map(shown).join(', ')}`;
    case 'invalid_format':
      return 'Is not in the expected format';
    default:
      return 'Is not valid here';
  }
}

/** `{ path, message }` for one issue; `input` is what was validated (a field is "Required" only when absent from it). */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): { path: string; message: string } {
  return { path: issuePath(issue), message: issueMessage(issue, input) };
}
