/**
 * The first render's catalogs: the English first-render strings (`en-first.ts`) in the entry chunk,
 * any other language's full catalog loaded lazily as usual (`catalogs.ts`). The shell,
 * `<omni-summary>`, the one-click button and `<omni-express>` speak through this module; the rest through
 * `index.ts` (the full English catalog).
 */
import enFirst from './en-first.js';
import type { FirstTranslation } from './first-translation.js';
import { speakWith } from './catalogs.js';

export type { FirstTranslation } from './first-translation.js';
export { languageOf, isolate } from './catalogs.js';
export { enFirst };

/** `speak` for the first render: English is the first-render strings only. */
export const speakFirst = (element: HTMLElement, use: (translation: FirstTranslation) => void): string => speakWith(element, enFirst, use);
