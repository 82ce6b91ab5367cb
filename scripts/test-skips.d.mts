export interface Skip {
  readonly where: string;
  readonly reason: string;
}
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
export declare const SKIP_REASONS: readonly { where(file: string, titles: readonly string[]): boolean; reason(): string }[];
export declare function skipReason(file: string, titles: readonly string[]): string;
export declare function vitestSkips(report: unknown, root: string): Skip[];
export declare function playwrightSkips(report: unknown): Skip[];
export declare function judgeSkips(counts: Counts, skips: readonly Skip[], log?: (line: string) => void): string | undefined;
