/** The Custom Elements Manifest (schema 1.0.0), loosely typed. */
export interface Package { schemaVersion: string; readme?: string; modules: { kind: string; path: string; declarations?: any[]; exports?: any[] }[] }

export declare const elementsDir: string;
export declare const manifestPath: string;
/** The manifest of @omni-checkout/elements, built in memory from the sources. */
export declare function generateManifest(): Package;
/** Generates and writes packages/elements/custom-elements.json. */
export declare function writeManifest(): Package;
/** Every custom element (class declaration with a tag name) and its module, sorted by tag. */
export declare function elementsOf(manifest: Package): { declaration: any; module: any }[];
/** The package entry that registers a tag, e.g. `@omni-checkout/elements/checkout/define`. */
export declare function defineEntryOf(manifest: Package, tag: string): string | null;
