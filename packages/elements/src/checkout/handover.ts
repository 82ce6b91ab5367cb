/**
 * The hand-over from the painted first render (`paint.ts`, before Lit) to the shell
 * (`checkout.ts`). The painter leaves it on the element under a registered symbol, so a page that
 * bundles the painter and the shell apart still hands over; its methods are the painter's code, so
 * the shell carries none of it. `recall` is never asked twice: a second one would issue a second
 * passkey challenge.
 */
import type { Recall } from './recall.js';

export const PAINTED = Symbol.for('omni-checkout.painted');

export interface Painted {
  /** The painted DOM (inside the element's shadow root), once drawn. */
  readonly node: HTMLElement | null;
  /** The painter's first request's answer (the recall, or a guest's session), once, if it was made for this client secret and publishable key; else null. */
  recall(clientSecret: string, publishableKey: string): Promise<Recall> | null;
  /**
   * The shell has rendered the same thing (before it, in the same shadow root): the painted DOM
   * goes. The shell renders in the task it was defined in (the recall's answer is already in), so
   * no frame shows both or neither. The focus carries over, and a press on a painted button
   * presses the shell's same button.
   */
  replace(renderRoot: ShadowRoot): void;
}

/** An `<omni-checkout>` the painter has been at. */
export type PaintedElement = HTMLElement & { [PAINTED]?: Painted };
