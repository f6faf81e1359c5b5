/** Typed errors of the knowledge base: a bad input file and an exceeded bound. */

/** A file (or string) that could not be loaded; nothing of it was committed to the store. */
export class KbLoadError extends Error {
  /** File path or the name given to a loaded string. */
  readonly file: string;
  /** 1-based line, or 0 when unknown. */
  readonly line: number;
  /** 1-based column, or 0 when unknown. */
  readonly column: number;

  constructor(file: string, line: number, column: number, reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'KbLoadError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** The names of every configurable bound. */
export type BoundName = 'maxFacts' | 'maxNewTerms' | 'maxIterations' | 'maxDepth' | 'maxSolutions' | 'timeoutMs';

/** A reasoning bound was hit: inference stops with this instead of running out of memory. */
export class KbBoundError extends Error {
  /** Which bound was exceeded. */
  readonly bound: BoundName;
  /** Its configured value. */
  readonly limit: number;

  constructor(bound: BoundName, limit: number, detail = '') {
    super(`reasoning bound ${bound}=${limit} exceeded${detail ? ': ' + detail : ''} (raise it with the ${bound} option)`);
    this.name = 'KbBoundError';
    this.bound = bound;
    this.limit = limit;
  }
}
