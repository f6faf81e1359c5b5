/**
 * Named things in a request: quoted strings, e-mail addresses, URLs, currency codes, and
 * capitalized names — with the preposition in front of them, which tells a location ("in
 * Paris"), an origin ("from Lyon") or a recipient ("to Alice") apart.
 */
import { TIME_WORDS } from './dates.js';
import { UNITS } from './numbers.js';
import { STOPWORDS } from './text.js';

/** A span of the request text. */
export interface Mention {
  text: string;
  start: number;
  end: number;
  /** The lower-case word just before the mention ("in", "from", "to"…), if any. */
  before?: string;
}

/** Request verbs that start sentences but are not names ("Book a table", "Send Bob…"). */
const VERBS = new Set('send book search find get show tell give convert set create remind call email schedule translate play check look add delete cancel open start stop order buy make list update what which who how when where why is are can could would will please'.split(' '));

const ISO_CURRENCIES = new Set('USD EUR GBP JPY CHF CAD AUD NZD CNY INR MXN BRL SEK NOK DKK PLN CZK HUF TRY ZAR KRW SGD HKD RUB'.split(' '));

function mention(text: string, start: number, end: number): Mention {
  const before = /([A-Za-z]+)\s*$/.exec(text.slice(0, start))?.[1]?.toLowerCase();
  return { text: text.slice(start, end), start, end, ...(before ? { before } : {}) };
}

/** Strings in double, curly or single quotes (single quotes only around whole words). */
export function findQuoted(text: string): Mention[] {
  const re = /"([^"]+)"|“([^”]+)”|(?<![\w])'([^']+)'(?![\w])/g;
  return [...text.matchAll(re)].map((m) => {
    const inner = m[1] ?? m[2] ?? m[3];
    const start = m.index! + 1;
    return mention(text, start, start + inner.length);
  });
}

/** E-mail addresses. */
export function findEmails(text: string): Mention[] {
  return [...text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => mention(text, m.index!, m.index! + m[0].length));
}

/** http(s) URLs, without trailing punctuation. */
export function findUrls(text: string): Mention[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>]+[^\s"'<>.,;:!?)]/g)].map((m) => mention(text, m.index!, m.index! + m[0].length));
}

/** Currency mentions as ISO codes, in order: "USD", "$", "euros", "yen". */
export function findCurrencies(text: string): Array<Mention & { code: string }> {
  const out: Array<Mention & { code: string }> = [];
  for (const m of text.matchAll(/[$€£¥]|\b[A-Za-z]{2,10}\b/g)) {
    const word = m[0];
    const unit = UNITS.get(word.toLowerCase());
    const code = ISO_CURRENCIES.has(word) ? word : unit?.category === 'currency' ? unit.symbol : undefined;
    if (code) out.push({ ...mention(text, m.index!, m.index! + word.length), code });
  }
  return out;
}

const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}'’.-]*";
const CAPITALIZED = new RegExp(`${NAME_WORD}(?:\\s+(?:(?:de|del|la|le|of|upon|am|da|do|von|van|der|el)\\s+)?${NAME_WORD})*`, 'gu');

/** Capitalized names ("New York", "Alice", "São Paulo"), minus sentence-initial verbs, dates and codes. */
export function findNames(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(CAPITALIZED)) {
    let start = m.index!;
    let words = m[0].split(/\s+/);
    while (words.length && isNotName(words[0])) {
      start += words[0].length + (text.slice(start + words[0].length).match(/^\s*/)?.[0].length ?? 0);
      words = words.slice(1);
    }
    if (words.length === 0) continue;
    const end = m.index! + m[0].length;
    out.push(mention(text, start, end));
  }
  return out;
}

function isNotName(word: string): boolean {
  const w = word.toLowerCase().replace(/['’]s$/, '').replace(/[.'’]+$/, '');
  return w === 'i' || VERBS.has(w) || STOPWORDS.has(w) || TIME_WORDS.has(w) || ISO_CURRENCIES.has(word) || UNITS.has(w);
}

/**
 * The place after one of `preps` ("in", "at", "for", "near"…): a capitalized name, or else one
 * lower-case word that is no stopword, time word, unit or number ("weather in paris").
 */
export function findAfter(text: string, preps: readonly string[], names: readonly Mention[]): Mention | null {
  const named = names.find((n) => n.before && preps.includes(n.before));
  if (named) return named;
  const re = new RegExp(`\\b(?:${preps.join('|')})\\s+(?:the\\s+)?([a-z][a-z-]+)\\b`, 'gi');
  for (const m of text.matchAll(re)) {
    const w = m[1].toLowerCase();
    if (STOPWORDS.has(w) || TIME_WORDS.has(w) || UNITS.has(w) || VERBS.has(w)) continue;
    const start = m.index! + m[0].length - m[1].length;
    return mention(text, start, start + m[1].length);
  }
  return null;
}
