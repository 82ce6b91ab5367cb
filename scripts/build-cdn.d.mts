export declare const cdnDir: string;
/** Builds packages/elements/cdn/*.js from dist; answers each file's size in bytes. */
export declare function buildCdn(): Promise<{ name: string; bytes: number }[]>;
