/** Reads single synset lines from a WordNet `data.<pos>` file by byte offset, without loading the file. */
import { closeSync, openSync, readSync } from 'node:fs';

/** Part of speech as WordNet writes it: noun, verb, adjective (with satellites `s`), adverb. */
export type WnPos = 'n' | 'v' | 'a' | 'r';

/** A pointer from one synset (or one of its words) to another. */
export interface WnPointer {
  symbol: string;
  target: string;
  /** Word numbers for lexical pointers (source/target), 0/0 for semantic ones. */
  source: number;
  targetWord: number;
}

/** One synset, as parsed from a data line. */
export interface Synset {
  /** `<offset8>-<pos>`, e.g. `04544161-n`. */
  id: string;
  pos: WnPos;
  /** Lexicographer file name index (e.g. 7 = adj.all? see WordNet lexnames); kept for filtering. */
  lexFile: number;
  /** Words with spaces, original case (e.g. `bowed stringed instrument`). */
  words: string[];
  gloss: string;
  pointers: WnPointer[];
  /** Ids of hypernyms, including instance hypernyms. */
  hypernyms: string[];
}

const CHUNK = 4096;

/** The synset id for a data-file offset and part of speech. */
export function synsetId(offset: number, pos: WnPos): string {
  return `${String(offset).padStart(8, '0')}-${pos}`;
}

/** An open data file; call close() when done (the process-wide WordNet keeps it open). */
export class DataFile {
  #path: string;
  #fd: number | undefined;
  #pos: WnPos;

  constructor(path: string, pos: WnPos) {
    this.#path = path;
    this.#pos = pos;
  }

  /** The raw line at `offset` (offsets come from the index files and from pointers). */
  line(offset: number): string {
    this.#fd ??= openSync(this.#path, 'r');
    const parts: Buffer[] = [];
    let at = offset;
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(this.#fd, buf, 0, CHUNK, at);
      if (n <= 0) break;
      const nl = buf.subarray(0, n).indexOf(0x0a);
      if (nl >= 0) {
        parts.push(buf.subarray(0, nl));
        break;
      }
      parts.push(buf.subarray(0, n));
      at += n;
    }
    return Buffer.concat(parts).toString('utf8');
  }

  /** The parsed synset at `offset`. */
  synset(offset: number): Synset {
    const line = this.line(offset);
    // an offset from outside (a stored id) may point mid-line or past the end: refuse rather than misparse
    if (!line.startsWith(String(offset).padStart(8, '0'))) throw new RangeError(`no synset at offset ${offset}`);
    return parseSynset(line, this.#pos);
  }

  /** Releases the file descriptor. */
  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

function parseSynset(line: string, filePos: WnPos): Synset {
  const bar = line.indexOf(' | ');
  const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
  const f = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
  const offset = Number(f[0]);
  const wCount = parseInt(f[3], 16);
  const words: string[] = [];
  for (let i = 0; i < wCount; i++) words.push(cleanWord(f[4 + i * 2]));
  let k = 4 + wCount * 2;
  const pCount = Number(f[k++]);
  const pointers: WnPointer[] = [];
  for (let i = 0; i < pCount; i++, k += 4) {
    const pos = (f[k + 2] === 's' ? 'a' : f[k + 2]) as WnPos;
    const st = f[k + 3];
    pointers.push({
      symbol: f[k],
      target: synsetId(Number(f[k + 1]), pos),
      source: parseInt(st.slice(0, 2), 16),
      targetWord: parseInt(st.slice(2), 16),
    });
  }
  const hypernyms = pointers.filter((p) => p.symbol === '@' || p.symbol === '@i').map((p) => p.target);
  return { id: synsetId(offset, filePos), pos: filePos, lexFile: Number(f[1]), words, gloss, pointers, hypernyms };
}

// adjective markers like "(a)" / "(p)" / "(ip)" are syntax hints, not part of the word
function cleanWord(w: string): string {
  return w.replace(/\((a|p|ip)\)$/, '').replace(/_/g, ' ');
}
