/**
 * One request's text, scanned once for everything an argument could come from, with the spans
 * already given to a parameter so two parameters never take the same words.
 */
import { findDate, findTime, type DateMention, type TimeMention } from './dates.js';
import { findCurrencies, findEmails, findNames, findQuoted, findUrls, type Mention } from './entities.js';
import { findNumbers, type NumberMention } from './numbers.js';
import { splitWords, stem } from './text.js';

/** A word of the request with its position. */
export interface Token {
  word: string;
  stem: string;
  start: number;
}

interface Span {
  start: number;
  end: number;
}

/** The scanned request. */
export class RequestContext {
  readonly text: string;
  readonly now: Date;
  readonly tokens: Token[];
  readonly names: Mention[];
  readonly quoted: Mention[];
  readonly emails: Mention[];
  readonly urls: Mention[];
  readonly currencies: Array<Mention & { code: string }>;
  readonly numbers: NumberMention[];
  readonly dates: DateMention[];
  readonly time: TimeMention | null;
  readonly #used: Span[] = [];

  constructor(text: string, now: Date) {
    this.text = text;
    this.now = now;
    this.tokens = [...text.matchAll(/[\p{L}\p{N}']+/gu)].map((m) => ({ word: m[0].toLowerCase(), stem: stem(m[0].toLowerCase().replace(/'s$/, '')), start: m.index! }));
    this.quoted = findQuoted(text);
    this.emails = findEmails(text);
    this.urls = findUrls(text);
    this.dates = findDates(text, now);
    this.time = findTime(text);
    const taken = [...this.emails, ...this.urls, ...this.dates, ...(this.time ? [this.time] : [])];
    const free = (s: Span) => !taken.some((t) => s.start < t.end && t.start < s.end);
    this.numbers = findNumbers(text).filter(free);
    this.names = findNames(text).filter((n) => free(n) && !this.quoted.some((q) => n.start >= q.start && n.end <= q.end));
    this.currencies = findCurrencies(text);
  }

  /** Whether a span is still free. */
  isFree(s: Span): boolean {
    return !this.#used.some((u) => s.start < u.end && u.start < s.end);
  }

  /** Mark a span as given to a parameter. */
  take<T extends Span>(s: T): T {
    this.#used.push({ start: s.start, end: s.end });
    return s;
  }

  /** The free mentions of a list. */
  free<T extends Span>(list: readonly T[]): T[] {
    return list.filter((s) => this.isFree(s));
  }

  /** Whether the request contains a word with this stem; returns its token index or -1. */
  indexOfStem(stemmed: string): number {
    return this.tokens.findIndex((t) => t.stem === stemmed);
  }
}

/** Every date mention, left to right ("from March 5 to March 8" gives two). */
function findDates(text: string, now: Date): DateMention[] {
  const out: DateMention[] = [];
  let masked = text;
  for (let i = 0; i < 4; i++) {
    const d = findDate(masked, now);
    if (!d) break;
    out.push(d);
    masked = masked.slice(0, d.start) + ' '.repeat(d.end - d.start) + masked.slice(d.end);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The words of a parameter: its name split, plus its description's words. */
export function parameterWords(name: string, schema: Record<string, unknown>): { nameWords: string[]; descWords: string[] } {
  return { nameWords: splitWords(name), descWords: typeof schema.description === 'string' ? splitWords(schema.description) : [] };
}
