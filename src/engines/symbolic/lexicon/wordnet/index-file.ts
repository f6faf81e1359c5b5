/** Binary search over a WordNet `index.<pos>` file held as one Buffer (no per-line parsing up front). */
import { readFileSync } from 'node:fs';

/** One parsed line of an index file: a lemma and the byte offsets of its synsets, most frequent sense first. */
export interface IndexEntry {
  lemma: string;
  offsets: number[];
  /** Pointer symbols that appear in any of the lemma's synsets. */
  pointerTypes: string[];
  /** How many senses were seen in the tagged corpus (a rough frequency signal). */
  tagSenseCount: number;
}

const NL = 0x0a;
const SPACE = 0x20;

/** A sorted WordNet index file, searched in place; the file is read on first use. */
export class IndexFile {
  #path: string;
  #buf: Buffer | undefined;
  #firstLine = 0;

  constructor(path: string) {
    this.#path = path;
  }

  /** Bytes held in memory (0 before first use). */
  get bytes(): number {
    return this.#buf?.length ?? 0;
  }

  #load(): Buffer {
    if (this.#buf) return this.#buf;
    const buf = readFileSync(this.#path);
    // the license header lines start with two spaces and sort before everything else: skip them once
    let pos = 0;
    while (pos < buf.length && buf[pos] === SPACE) pos = buf.indexOf(NL, pos) + 1;
    this.#firstLine = pos;
    this.#buf = buf;
    return buf;
  }

  /** The entry for `lemma` (lowercase, underscores for spaces), or undefined. */
  find(lemma: string): IndexEntry | undefined {
    const buf = this.#load();
    const key = Buffer.from(lemma, 'utf8');
    let lo = this.#firstLine;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = mid === this.#firstLine ? mid : buf.lastIndexOf(NL, mid - 1) + 1;
      const cmp = compareKey(buf, start, key);
      if (cmp === 0) return parseLine(buf.toString('utf8', start, buf.indexOf(NL, start)));
      const lineEnd = buf.indexOf(NL, start);
      if (cmp < 0) lo = lineEnd + 1;
      else hi = start;
    }
    return undefined;
  }

  /** Every lemma in the file, in sorted order (used only for bulk builds such as vocabularies). */
  *lemmas(): Generator<string> {
    const buf = this.#load();
    let pos = this.#firstLine;
    while (pos < buf.length) {
      const sp = buf.indexOf(SPACE, pos);
      const nl = buf.indexOf(NL, pos);
      if (sp < 0 || nl < 0) return;
      yield buf.toString('utf8', pos, sp);
      pos = nl + 1;
    }
  }
}

// byte order of the line's first field against `key`, without slicing the buffer
function compareKey(buf: Buffer, start: number, key: Buffer): number {
  for (let i = 0; ; i++) {
    const a = buf[start + i];
    const aEnd = a === SPACE || a === undefined;
    if (i === key.length) return aEnd ? 0 : 1;
    if (aEnd) return -1;
    if (a !== key[i]) return a - key[i];
  }
}

function parseLine(line: string): IndexEntry {
  const f = line.trim().split(' ');
  const synsetCount = Number(f[2]);
  const pCount = Number(f[3]);
  const pointerTypes = f.slice(4, 4 + pCount);
  const tagSenseCount = Number(f[5 + pCount]);
  const offsets = f.slice(6 + pCount, 6 + pCount + synsetCount).map(Number);
  return { lemma: f[0], offsets, pointerTypes, tagSenseCount };
}
