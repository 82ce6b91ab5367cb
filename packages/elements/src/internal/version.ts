// Generated from package.json by scripts/sync-version.mjs (elements build, `pnpm version-packages`): do not edit.
/** Version of this copy of the library, shown when two copies meet on one page. */
export const VERSION = '0.1.0';
