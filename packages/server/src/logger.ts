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

export function scrub(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const copy = new Error(scrub(value.message));
    copy.name = value.name;
    copy.stack = value.stack && scrub(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, depth + 1)]));
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
      redact: {
        paths: ['authorization', 'headers.authorization', 'req.headers.authorization', '*.clientSecret', 'clientSecret', 'secretKey', '*.secretKey'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args: Parameters<LogFn>, method: LogFn) {
          method.apply(this, args.map((arg: unknown) => scrubValue(arg)) as Parameters<LogFn>);
        },
      },
    };
  return pino(config, options.destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 }));
}

export type { Logger };
