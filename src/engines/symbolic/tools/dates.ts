/**
 * Dates and times said in a request, resolved against an injectable `now` (UTC calendar):
 * ISO dates, today / tomorrow / yesterday / the day after tomorrow, "in 3 days", "next week",
 * weekdays ("Monday", "this Friday", "next Monday" = the next one after today), month-day
 * forms ("March 5", "5th of March 2027"), and clock times ("at 5pm", "17:30", "noon").
 */

/** A date found in the text. */
export interface DateMention {
  iso: string;
  start: number;
  end: number;
}

/** A clock time found in the text, as HH:MM. */
export interface TimeMention {
  hhmm: string;
  start: number;
  end: number;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';

/** Words that name a time, not a place (so "in the morning" is no location). */
export const TIME_WORDS = new Set(['today', 'tonight', 'tomorrow', 'yesterday', 'now', 'morning', 'afternoon', 'evening', 'night', 'noon', 'midnight', 'week', 'weekend', 'month', 'year', 'day', 'days', ...WEEKDAYS, ...MONTHS]);

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (now: Date, n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + n));
const monthIndex = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().slice(0, 3)));

type Rule = [RegExp, (m: RegExpExecArray, now: Date) => Date | null];

const RULES: Rule[] = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))],
  [/\bday after tomorrow\b/i, (_m, now) => addDays(now, 2)],
  [/\b(today|tonight|this (?:morning|afternoon|evening))\b/i, (_m, now) => addDays(now, 0)],
  [/\btomorrow\b/i, (_m, now) => addDays(now, 1)],
  [/\byesterday\b/i, (_m, now) => addDays(now, -1)],
  [/\bin (\d+|a|one|two|three|four|five|six|seven) (day|week)s?\b/i, (m, now) => addDays(now, count(m[1]) * (m[2].toLowerCase() === 'week' ? 7 : 1))],
  [/\bnext week\b/i, (_m, now) => addDays(now, 7)],
  [new RegExp(`\\b(?:(this|next|on|coming)\\s+)?(${WEEKDAYS.join('|')})\\b`, 'i'), (m, now) => weekday(m[2], m[1], now)],
  [new RegExp(`\\b${MONTH}\\.?\\s+${DAY}(?:,?\\s+(\\d{4}))?\\b`, 'i'), (m, now) => monthDay(m[1], +m[2], m[3], now)],
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}\\.?(?:,?\\s+(\\d{4}))?\\b`, 'i'), (m, now) => monthDay(m[2], +m[1], m[3], now)],
];

function count(word: string): number {
  const n = ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'].indexOf(word.toLowerCase());
  return n >= 0 ? Math.max(1, n) : Number(word);
}

function weekday(name: string, mod: string | undefined, now: Date): Date {
  const target = WEEKDAYS.indexOf(name.toLowerCase());
  let diff = (target - now.getUTCDay() + 7) % 7;
  // "this Friday" may be today; a bare or "next" weekday means the next one after today.
  if (diff === 0 && mod?.toLowerCase() !== 'this') diff = 7;
  return addDays(now, diff);
}

function monthDay(month: string, day: number, year: string | undefined, now: Date): Date | null {
  const m = monthIndex(month);
  if (m < 0 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year ? +year : now.getUTCFullYear(), m, day));
  return d.getUTCMonth() === m ? d : null;
}

/** The first date mentioned in `text` (earliest position), resolved against `now`. */
export function findDate(text: string, now: Date): DateMention | null {
  let best: DateMention | null = null;
  for (const [re, resolve] of RULES) {
    const m = re.exec(text);
    if (!m || (best && m.index >= best.start)) continue;
    const d = resolve(m, now);
    if (d && !Number.isNaN(d.getTime())) best = { iso: isoOf(d), start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/** The first clock time in `text`: "at 5pm", "5:30 pm", "17:30", "noon", "midnight". */
export function findTime(text: string): TimeMention | null {
  const m = /\b(noon|midday|midnight)\b|\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|\b(\d{1,2}):(\d{2})\b/i.exec(text);
  if (!m) return null;
  let h: number;
  let min = 0;
  if (m[1]) h = m[1].toLowerCase() === 'midnight' ? 0 : 12;
  else if (m[2]) {
    h = +m[2] % 12 + (m[4].toLowerCase().startsWith('p') ? 12 : 0);
    min = m[3] ? +m[3] : 0;
  } else {
    h = +m[5];
    min = +m[6];
  }
  if (h > 23 || min > 59) return null;
  return { hhmm: `${pad(h)}:${pad(min)}`, start: m.index, end: m.index + m[0].length };
}
