import { isAbort, SuggestionError, type AddressSuggestion, type SuggestedAddress, type SuggestionProvider, type SuggestionSession, type SuggestionSource } from './contract.js';

export interface SuggesterOptions {
  readonly source: SuggestionSource;
  /** Quiet time after a keystroke before asking (ms). */
  readonly debounceMs?: number;
  /** How long a request may take before the list gives up on it (ms); typing never waits for it. */
  readonly budgetMs?: number;
  /** Fewer characters than this ask nothing. */
  readonly minLength?: number;
  /** Called on every state change; the latest call is the truth. */
  readonly onState: (state: SuggesterState) => void;
}

const later = (run: () => void, ms: number): unknown => setTimeout(run, ms);
const cancel = (handle: unknown): void => clearTimeout(handle as Parameters<typeof clearTimeout>[0]);

export type SuggesterState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly input: string }
  | { readonly status: 'results'; readonly input: string; readonly suggestions: readonly AddressSuggestion[] }
  /** The provider is slow, down or refused: the form works on without suggestions. */
  | { readonly status: 'unavailable'; readonly input: string; readonly reason: string };

/**
 * Settles with the promise, or rejects as soon as the signal aborts, for providers that ignore the
 * signal; the abandoned promise's own rejection is caught so it never goes unhandled.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

interface Context {
  readonly country: string;
  readonly language: string;
}

/**
 * Drives suggestions for one input: debounces keystrokes, aborts the request a newer keystroke
 * replaces, never lets an older answer overwrite a newer one, gives up after `budgetMs`, and turns
 * every failure into the `unavailable` state (never a rejection). It keeps one provider session
 * from the first keystroke to the pick, then starts a new one.
 */
export class Suggester {
  readonly #options: SuggesterOptions;
  readonly #debounceMs: number;
  readonly #budgetMs: number;
  readonly #minLength: number;
  #provider: Promise<SuggestionProvider> | null = null;
  #session: SuggestionSession | null = null;
  #sessionCountry = '';
  #timer: unknown = undefined;
  #controller: AbortController | null = null;
  #seq = 0;
  #state: SuggesterState = { status: 'idle' };

  constructor(options: SuggesterOptions) {
    this.#options = options;
    this.#debounceMs = options.debounceMs ?? 250;
    this.#budgetMs = options.budgetMs ?? 2500;
    this.#minLength = options.minLength ?? 3;
  }

  get state(): SuggesterState {
    return this.#state;
  }

  /** The shopper typed: ask after the debounce (or go idle for short input). */
  input(text: string, context: Context): void {
    const seq = ++this.#seq;
    this.#cancel();
    const input = text.trim();
    if (input.length < this.#minLength) {
      this.#set({ status: 'idle' });
      return;
    }
    this.#timer = later(() => void this.#ask(seq, input, context), this.#debounceMs);
  }

  /** Closes the list (Escape, blur, a pick): pending work is dropped; the session stays. */
  close(): void {
    ++this.#seq;
    this.#cancel();
    this.#set({ status: 'idle' });
  }

  /** Resolves a picked suggestion and ends the session; null when it failed (the shopper types on). */
  async pick(suggestion: AddressSuggestion, context: Context): Promise<SuggestedAddress | null> {
    this.close();
    const session = this.#session;
    this.#session = null;
    if (!session) return null;
    const controller = new AbortController();
    const timer = later(() => controller.abort(new SuggestionError('timeout', 'The address service took too long.')), this.#budgetMs * 2);
    try {
      return await untilAborted(session.resolve(suggestion, { ...context, signal: controller.signal }), controller.signal);
    } catch {
      return null;
    } finally {
      cancel(timer);
    }
  }

  #cancel(): void {
    if (this.#timer !== undefined) cancel(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = null;
  }

  #set(state: SuggesterState): void {
    this.#state = state;
    this.#options.onState(state);
  }

  async #ask(seq: number, input: string, context: Context): Promise<void> {
    this.#timer = undefined;
    const controller = new AbortController();
    this.#controller = controller;
    let budget: unknown;
    this.#set({ status: 'loading', input });
    try {
      const provider = await (this.#provider ??= this.#load());
      if (seq !== this.#seq) return;
      if (!this.#session || this.#sessionCountry !== context.country) {
        this.#session = provider.startSession();
        this.#sessionCountry = context.country;
      }
      budget = later(() => controller.abort(new SuggestionError('timeout', 'The address service took too long.')), this.#budgetMs);
      const suggestions = await untilAborted(this.#session.suggest({ input, ...context, signal: controller.signal }), controller.signal);
      if (seq !== this.#seq) return; // a newer keystroke owns the list
      this.#set({ status: 'results', input, suggestions });
    } catch (error) {
      if (seq !== this.#seq) return;
      const timedOut = controller.signal.aborted && controller.signal.reason instanceof SuggestionError;
      if (isAbort(error) && !timedOut) return;
      this.#set({ status: 'unavailable', input, reason: timedOut ? 'timeout' : error instanceof SuggestionError ? error.code : 'unavailable' });
    } finally {
      if (budget !== undefined) cancel(budget);
      if (this.#controller === controller) this.#controller = null;
    }
  }

  async #load(): Promise<SuggestionProvider> {
    const source = this.#options.source;
    try {
      return typeof source === 'function' ? await source() : source;
    } catch (error) {
      this.#provider = null; // try loading again on the next keystroke
      throw error;
    }
  }
}
