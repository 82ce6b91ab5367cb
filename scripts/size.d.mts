export interface SizeEntry {
  /** What is measured. */
  name: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  /** Budget in bytes (min + gzip). */
  budget: number;
  /** Which budget of the performance budgets. */
  budgetName: string;
  /** Whether exceeding the budget fails `pnpm size` and the size test. */
  enforced: boolean;
  /** Packages left out of the bundle. */
  external?: string[];
  note?: string;
  /** An enforced budget not met yet: reported as not met; the figure may not grow past `ceiling`. */
  notMet?: { ceiling: number; why: string };
}
export interface SizeResult {
  minified: number;
  gzip: number;
  lazyGzip: number;
  files: number;
  inputs: number;
}
export type SizeRow = SizeEntry & { missing: boolean; ok: boolean; met?: boolean } & Partial<SizeResult>;
export const root: string;
export const KB: number;
export const entries: SizeEntry[];
export function measure(entry: Pick<SizeEntry, 'entry' | 'external'>): Promise<SizeResult>;
export function measureAll(): Promise<SizeRow[]>;
/** The JavaScript a page loads up front for an entry (what `measure` counts), as text. */
export function upFrontCode(entry: Pick<SizeEntry, 'entry' | 'external'>): Promise<string>;
export function renderTable(rows: SizeRow[]): string;
export function renderDoc(rows: SizeRow[]): string;
