import { pino, type DestinationStream, type LogFn, type Logger, type LoggerOptions as PinoOptions } from 'pino';

/**
 * What must never reach a log line (docs/security.md R33): secret keys, client secrets, bearer tokens,
 * card-like digit runs and email addresses. Applied to every string logged, however it got there.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\bsk_(test|live)_\w+/g, 'sk_$1_[redacted]'],
  [/_secret_\w+/g, '_secret_[redacted]'],
  [/\bBearer\s+\S+/gi, 'Bearer [redacted]'],
  [/\b\d(?:[ -]?\d){12,18}\b/g, '[redacted-digits]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[redacted-email]'],
];

/**
 * A string that none of SECRET_PATTERNS can match fails this one test (each pattern's match contains
 * a match of it), so the common log string (a route, a method, a request id) costs one test, not
 * five replacements.
 */
const MAY_HOLD_SECRET = /sk_(?:test|live)_\w|_secret_\w|Bearer\s+\S|\d(?:[ -]?\d){12}|@/i;

export function scrub(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Keys whose values are censored wherever they appear (at any depth), as pino's `redact` did for its paths. */
const REDACTED_KEYS = new Set(['authorization', 'clientSecret', 'secretKey']);
const CENSOR = '[redacted]';

/** `value` with secrets scrubbed; the same object when nothing in it changed (no copy per log call). */
function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const copy = new Error(scrub(value.message));
    copy.name = value.name;
    copy.stack = value.stack && scrub(value.stack);
    return copy;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const scrubbed = scrubValue(item, depth + 1);
      if (scrubbed !== item) (copy ??= value.slice())[i] = scrubbed;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const scrubbed = REDACTED_KEYS.has(key) && item !== undefined ? CENSOR : scrubValue(item, depth + 1);
    if (scrubbed !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = scrubbed;
  }
  return copy ?? value;
}

export interface LoggerOptions {
  readonly level?: string;
  /**
   * Where lines go. Default: standard output through an asynchronous buffered writer (pino's
   * sonic-boom: `sync: false`, written in 4 KB chunks or every 200 ms), so a request never waits on
   * a write and lines cost one system call per few dozen; the buffer is flushed on exit and on
   * shutdown (`logger.flush()`), so only a killed process (SIGKILL) loses its last 200 ms of lines.
   * Tests pass a capturing stream.
   */
  readonly destination?: DestinationStream;
}

/** Structured JSON logger with header redaction and content scrubbing. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config: PinoOptions = {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'omni-checkout' },
      // Keys such as `authorization`, `clientSecret` and `secretKey` are censored at any depth by
      // `scrubValue` below (pino's `redact` did it for fixed paths, at a cost on every line).
      hooks: {
        logMethod(args: Parameters<LogFn>, method: LogFn) {
          method.apply(this, args.map((arg: unknown) => scrubValue(arg)) as Parameters<LogFn>);
        },
      },
    };
  return pino(config, options.destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 }));
}

export type { Logger };
