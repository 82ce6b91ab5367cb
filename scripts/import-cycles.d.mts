/** Module specifiers of one file: static (imports, re-exports, import types) and dynamic (`import()` calls). */
export function specifiersOf(fileName: string, text: string): { static: string[]; dynamic: string[] };
/** File → the files of `packages/*\/src` it imports (absolute paths); `dynamic` also counts `import()` calls. */
export function importGraph(root?: string, options?: { dynamic?: boolean }): Map<string, string[]>;
/** One concrete cycle per strongly connected component, as paths relative to `root`, first file repeated last. */
export function findCycles(graph: Map<string, string[]>, root?: string): string[][];
