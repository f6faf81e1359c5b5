/**
 * Extractors for the simple kinds: enums, booleans, dates and times, numbers with units,
 * currencies and languages. Each returns undefined when the request does not say it.
 */
import type { ParamInfo } from './classify.js';
import { schemaType } from './classify.js';
import { convertUnit, UNITS, unitHint, type NumberMention } from './numbers.js';
import type { RequestContext } from './request-context.js';
import { splitWords, stem } from './text.js';

const NEGATORS = new Set(['no', 'not', 'without', "don't", 'dont', 'disable', 'exclude', 'excluding', 'skip', 'never', 'off', 'none', 'nor', 'omit']);
const NEGATIVE_VERBS = new Set(['avoid', 'exclude', 'skip', 'disable', 'hide', 'no', 'without', 'ignore', 'omit']);
const BOOL_FILLER = new Set(['is', 'has', 'include', 'includes', 'enable', 'enabled', 'use', 'with', 'show', 'allow', 'should', 'do', 'want', 'need', 'add', 'get', 'flag']);
const COUNT_NOUNS = new Set(['people', 'person', 'guest', 'passenger', 'adult', 'traveler', 'traveller', 'pax', 'seat', 'ticket'].map(stem));
const LANGUAGES = 'english french spanish german italian portuguese chinese mandarin japanese korean russian arabic hindi dutch swedish norwegian danish finnish polish turkish greek hebrew czech ukrainian vietnamese thai indonesian'.split(' ');

/** An enum value the request names (by its words, or by a unit it implies: "21°F" → fahrenheit). */
export function extractEnum(ctx: RequestContext, values: readonly unknown[]): unknown {
  let best: { value: unknown; at: number } | undefined;
  for (const v of values) {
    let at = -1;
    if (typeof v === 'string') {
      const stems = splitWords(v).map(stem);
      const idx = stems.map((s) => ctx.indexOfStem(s));
      if (stems.length && idx.every((i) => i >= 0)) at = ctx.tokens[Math.min(...idx)].start;
      const byUnit = ctx.numbers.find((n) => n.unit && n.unit.symbol.toLowerCase() === v.toLowerCase());
      if (at < 0 && byUnit) at = byUnit.start;
      const symbol = UNITS.get(v.toLowerCase())?.symbol;
      if (at < 0 && symbol) at = ctx.tokens.find((t) => UNITS.get(t.word)?.symbol === symbol && t.word.length > 1)?.start ?? -1;
    } else if (typeof v === 'number') at = ctx.numbers.find((n) => n.value === v)?.start ?? -1;
    if (at >= 0 && (!best || at < best.at)) best = { value: v, at };
  }
  return best?.value;
}

/**
 * A boolean from the parameter's key words and a negation just before them. For a negative
 * parameter (avoid_tolls, exclude_x) "without tolls" means true and "with tolls" false.
 */
export function extractBoolean(ctx: RequestContext, p: ParamInfo): boolean | undefined {
  const negativeParam = p.nameWords.some((w) => NEGATIVE_VERBS.has(w));
  const keys = p.nameWords.filter((w) => !BOOL_FILLER.has(w));
  for (const key of keys) {
    const i = ctx.indexOfStem(stem(key));
    if (i < 0) continue;
    const window = ctx.tokens.slice(Math.max(0, i - 3), i).map((t) => t.word);
    const negated = window.some((w) => NEGATORS.has(w));
    return negativeParam && !NEGATIVE_VERBS.has(key) ? negated : !negated;
  }
  return undefined;
}

/** A date (or date-time) for the parameter; a start/end pair takes the first/second date said. */
export function extractDate(ctx: RequestContext, p: ParamInfo, withTime: boolean): string | undefined {
  const dates = ctx.free(ctx.dates);
  const d = p.role === 'destination' ? (ctx.dates.length > 1 ? dates[dates.length - 1] : undefined) : dates[0];
  if (!withTime) return d ? ctx.take(d).iso : undefined;
  // A date-time needs a clock time: "tomorrow" alone must not become midnight. A time alone means today.
  const t = ctx.time && ctx.isFree(ctx.time) ? ctx.take(ctx.time) : undefined;
  if (!t) return undefined;
  const day = d ? ctx.take(d).iso : ctx.now.toISOString().slice(0, 10);
  return `${day}T${t.hhmm}:00`;
}

/** A clock time, HH:MM. */
export function extractTime(ctx: RequestContext): string | undefined {
  return ctx.time && ctx.isFree(ctx.time) ? ctx.take(ctx.time).hhmm : undefined;
}

/** A number for the parameter: the one counting its noun, else one in its unit, else a bare one. */
export function extractNumber(ctx: RequestContext, p: ParamInfo): number | undefined {
  const integer = schemaType(p.schema) === 'integer';
  const words = [...p.nameWords, ...p.descWords];
  const stems = new Set(words.map(stem));
  const hint = unitHint(words);
  const ok = (n: NumberMention) => (!integer || Number.isInteger(valueFor(n, hint))) && inRange(valueFor(n, hint), p.schema);
  const free = ctx.free(ctx.numbers).filter(ok);
  const pick =
    free.find((n) => n.next && (stems.has(stem(n.next)) || (COUNT_NOUNS.has(stem(n.next)) && words.some((w) => COUNT_NOUNS.has(stem(w)) || w === 'size' || w === 'count')))) ??
    (hint ? free.find((n) => n.unit?.category === hint.category) : undefined) ??
    free.find((n) => !n.unit && !(n.next && COUNT_NOUNS.has(stem(n.next)))) ??
    (hint ? undefined : free.find((n) => n.unit?.category !== 'currency' || words.some((w) => ['amount', 'value', 'price'].includes(w))));
  return pick ? valueFor(ctx.take(pick), hint) : undefined;
}

function valueFor(n: NumberMention, hint: ReturnType<typeof unitHint>): number {
  if (!n.unit || !hint?.symbol || hint.category !== n.unit.category) return n.value;
  return convertUnit(n.value, n.unit.symbol, hint.symbol) ?? n.value;
}

function inRange(v: number, schema: Record<string, unknown>): boolean {
  if (typeof schema.minimum === 'number' && v < schema.minimum) return false;
  if (typeof schema.maximum === 'number' && v > schema.maximum) return false;
  return true;
}

/** A currency code; of a pair, the origin is the one said first, the destination the one after "to"/"into". */
export function extractCurrency(ctx: RequestContext, p: ParamInfo): string | undefined {
  const free = ctx.free(ctx.currencies);
  const after = free.find((c) => c.before === 'to' || c.before === 'into' || c.before === 'in');
  const pick = p.role === 'destination' ? after : p.role === 'origin' ? free.find((c) => c !== after) ?? free[0] : free[0];
  return pick ? ctx.take(pick).code : undefined;
}

/** A language name, capitalized; "from X" for a source, "to/into X" for a target. */
export function extractLanguage(ctx: RequestContext, p: ParamInfo): string | undefined {
  const found = ctx.tokens.filter((t) => LANGUAGES.includes(t.word)).map((t) => ({ start: t.start, end: t.start + t.word.length, word: t.word, before: ctx.tokens[ctx.tokens.indexOf(t) - 1]?.word }));
  const free = found.filter((f) => ctx.isFree(f));
  const pick = p.role === 'origin' ? free.find((f) => f.before === 'from') : free.find((f) => f.before !== 'from') ?? (p.role ? undefined : free[0]);
  return pick ? ctx.take(pick).word.replace(/^./, (c) => c.toUpperCase()) : undefined;
}
