/**
 * The full English catalog, bundled: imported by the checkout's form (loaded after the shell), whose
 * parts read more than the shell's first-render strings. Importing it makes English usable at once,
 * so the elements inside the form render in English without loading it again.
 */
import en from './en.js';
import type { Translation } from './translation.js';
import { addCatalog, loadedCatalog } from './catalogs.js';

addCatalog(en);

/**
 * The full catalog of the language a first-render catalog belongs to (the checkout's form reads
 * more than its shell holds): the loaded language's own, or the full English one.
 */
export const fullCatalog = (first: { readonly $code: string }): Translation => loadedCatalog(first.$code) ?? en;
