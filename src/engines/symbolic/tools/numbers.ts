/**
 * Numbers in a request, with the unit that follows or precedes them: "20 km", "5 minutes",
 * "$3", "3 USD", "21°C", "five minutes". Units fold to a canonical symbol and a category so a
 * parameter about a duration takes the number said in minutes, not the one said in km.
 */

/** A unit: canonical symbol and category. */
export interface Unit {
  symbol: string;
  category: 'length' | 'duration' | 'currency' | 'temperature' | 'mass' | 'percent' | 'data';
}

/** A number found in the text. */
export interface NumberMention {
  value: number;
  start: number;
  end: number;
  unit?: Unit;
  /** The word right after the number (and its unit), lower-cased: "4 guests" → "guests". The span covers the number only. */
  next?: string;
}

const U = (symbol: string, category: Unit['category'], ...words: string[]) => words.map((w) => [w, { symbol, category }] as const);

/** Unit words and symbols, lower-case. */
export const UNITS = new Map<string, Unit>([
  ...U('km', 'length', 'km', 'kms', 'kilometer', 'kilometers', 'kilometre', 'kilometres'),
  ...U('m', 'length', 'm', 'meter', 'meters', 'metre', 'metres'),
  ...U('cm', 'length', 'cm', 'centimeter', 'centimeters'),
  ...U('mi', 'length', 'mi', 'mile', 'miles'),
  ...U('ft', 'length', 'ft', 'foot', 'feet'),
  ...U('s', 'duration', 's', 'sec', 'secs', 'second', 'seconds'),
  ...U('min', 'duration', 'min', 'mins', 'minute', 'minutes'),
  ...U('h', 'duration', 'h', 'hr', 'hrs', 'hour', 'hours'),
  ...U('d', 'duration', 'day', 'days'),
  ...U('wk', 'duration', 'week', 'weeks'),
  ...U('USD', 'currency', '$', 'usd', 'dollar', 'dollars', 'bucks'),
  ...U('EUR', 'currency', '€', 'eur', 'euro', 'euros'),
  ...U('GBP', 'currency', '£', 'gbp', 'pound', 'pounds', 'quid'),
  ...U('JPY', 'currency', '¥', 'jpy', 'yen'),
  ...U('CHF', 'currency', 'chf', 'franc', 'francs'),
  ...U('CAD', 'currency', 'cad'),
  ...U('AUD', 'currency', 'aud'),
  ...U('CNY', 'currency', 'cny', 'yuan', 'rmb'),
  ...U('INR', 'currency', 'inr', 'rupee', 'rupees'),
  ...U('celsius', 'temperature', '°c', 'c', 'celsius', 'centigrade'),
  ...U('fahrenheit', 'temperature', '°f', 'f', 'fahrenheit'),
  ...U('kg', 'mass', 'kg', 'kgs', 'kilogram', 'kilograms', 'kilo', 'kilos'),
  ...U('g', 'mass', 'g', 'gram', 'grams'),
  ...U('lb', 'mass', 'lb', 'lbs'),
  ...U('%', 'percent', '%', 'percent', 'pct'),
  ...U('GB', 'data', 'gb', 'gigabyte', 'gigabytes'),
  ...U('MB', 'data', 'mb', 'megabyte', 'megabytes'),
]);

const SMALL = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(' ');
const TENS: Record<string, number> = { thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

function wordValue(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = SMALL.indexOf(w);
  if (i >= 0) return i;
  if (w === 'a dozen' || w === 'dozen') return 12;
  return TENS[w];
}

const NUMBER = /(?<![\w.,:/-])([$€£¥])?\s?([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\w-]*\d)|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](one|two|three|four|five|six|seven|eight|nine))?\b/gi;
const UNIT_AFTER = /^\s*(°\s?[cf]\b|%|[a-z$€£¥]+\b)/i;
const WORD_AFTER = /^\s*([a-z]+)/i;

/** Every number in `text`, in order, with units where given. */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const value = m[2] !== undefined ? Number(m[2].replace(/,/g, '')) : wordValue(m[3])! + (m[4] ? wordValue(m[4])! : 0);
    if (!Number.isFinite(value)) continue;
    // The span is the digits (or number words) only, so "USD" in "30 USD" stays free for a currency parameter.
    const start = m.index! + m[0].indexOf(m[2] ?? m[3]);
    const mention: NumberMention = { value, start, end: m.index! + m[0].length };
    if (m[1]) mention.unit = UNITS.get(m[1]);
    const after = UNIT_AFTER.exec(text.slice(mention.end));
    const unit = after ? UNITS.get(after[1].toLowerCase().replace(/\s/g, '')) : undefined;
    let tail = mention.end;
    if (after && unit && !mention.unit) {
      mention.unit = unit;
      tail += after[0].length;
    }
    const next = WORD_AFTER.exec(text.slice(tail));
    if (next) mention.next = next[1].toLowerCase();
    out.push(mention);
  }
  return out;
}

/** The unit category a parameter's words point at ("duration_minutes" → duration), if any. */
export function unitHint(words: readonly string[]): Unit | { category: Unit['category']; symbol?: undefined } | undefined {
  for (const w of words) {
    const u = UNITS.get(w);
    if (u && w.length > 1) return u;
  }
  const CATEGORY: Record<string, Unit['category']> = {
    duration: 'duration', timeout: 'duration', delay: 'duration', wait: 'duration',
    distance: 'length', length: 'length', radius: 'length',
    amount: 'currency', price: 'currency', cost: 'currency', budget: 'currency', money: 'currency', total: 'currency',
    temperature: 'temperature', temp: 'temperature', degrees: 'temperature',
    weight: 'mass', mass: 'mass', percentage: 'percent', percent: 'percent',
  };
  for (const w of words) if (CATEGORY[w]) return { category: CATEGORY[w] };
  return undefined;
}

const TO_BASE: Record<string, number> = { s: 1, min: 60, h: 3600, d: 86400, wk: 604800, m: 1, km: 1000, cm: 0.01, mi: 1609.344, ft: 0.3048, g: 1, kg: 1000, lb: 453.59237 };

/** Convert between units of one category (durations, lengths, masses, temperatures); undefined if unknown. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  if (from === 'celsius' && to === 'fahrenheit') return Math.round((value * 9 / 5 + 32) * 100) / 100;
  if (from === 'fahrenheit' && to === 'celsius') return Math.round(((value - 32) * 5 / 9) * 100) / 100;
  if (TO_BASE[from] === undefined || TO_BASE[to] === undefined) return undefined;
  return Math.round((value * TO_BASE[from]) / TO_BASE[to] * 1e6) / 1e6;
}
