/** Where scripts/build-link-page.mjs writes the hosted pay page's script (packages/server/link-page/dist). */
export declare const linkPageDist: string;
/** Bundles the hosted pay page's script from the workspace's sources; answers the files written. */
export declare function buildLinkPage(): Promise<{ name: string; bytes: number }[]>;
