/**
 * Words for intent matching: identifiers split at snake_case, kebab-case and camelCase, text
 * lower-cased, and a light stemmer so "cities"/"city" and "booking"/"booked"/"book" meet.
 * Stems are internal keys, not dictionary words; both sides go through the same function.
 */

/** Words that carry no intent. */
export const STOPWORDS = new Set(
  ('a an the and or but if of to in on at by for from with about into over under as is are was were be been being am ' +
    'do does did doing have has had i me my we our you your he she it its they them their this that these those ' +
    'what whats which who whom whose when where why how can could would should will shall may might must ' +
    'please pls thanks thank hi hello hey ok okay yes no not just also so very really some any all there here ' +
    "s t d ll re ve m let lets like want need wanna gonna would'").split(/\s+/),
);

const IRREGULAR: Record<string, string> = {
  is: 'be', are: 'be', was: 'be', were: 'be', been: 'be', am: 'be',
  has: 'have', had: 'have', does: 'do', did: 'do', done: 'do', went: 'go', gone: 'go',
  bought: 'buy', sent: 'send', made: 'make', took: 'take', taken: 'take', gave: 'give', given: 'give',
  found: 'find', wrote: 'write', written: 'write', ran: 'run', told: 'tell', said: 'say', got: 'get',
  people: 'person', children: 'child', men: 'man', women: 'woman', feet: 'foot', mice: 'mouse',
  news: 'news', series: 'series', species: 'species',
  flew: 'fly', flown: 'fly', paid: 'pay', met: 'meet', knew: 'know', known: 'know', saw: 'see', seen: 'see',
};

/** Split an identifier or phrase into lower-case words: getWeather_now → get weather now. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** A light stem: irregular forms, plural and verb endings, doubled consonants, final e. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|ff|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** Stems of the content words of `text` (stopwords dropped), in order, repeats kept. */
export function contentStems(text: string): string[] {
  return splitWords(text.replace(/['’]s\b/g, ''))
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

/** An identifier as plain words: get_weather → "get weather". */
export function humanize(identifier: string): string {
  return splitWords(identifier).join(' ');
}
