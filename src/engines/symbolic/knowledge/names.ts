/**
 * Name matching helpers: a cheap English singularizer and a bounded edit distance, so
 * "vulnerabilities", "Vulnerability" and "vulnerabilty" all reach the same label.
 */
import { normalizeName } from '../kb/labels.js';

const IRREGULAR: Record<string, string> = {
  people: 'person', children: 'child', men: 'man', women: 'woman', mice: 'mouse', feet: 'foot',
  teeth: 'tooth', geese: 'goose', indices: 'index', criteria: 'criterion', analyses: 'analysis',
  data: 'data', series: 'series', species: 'species', status: 'status', cactus: 'cactus',
};

/** The singular of one lowercase English word (best effort; unknown shapes are returned as is). */
export function singular(word: string): string {
  if (IRREGULAR[word]) return IRREGULAR[word];
  if (word.length <= 3 || /(ss|us|is|ous)$/.test(word)) return word;
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ches|shes|xes|zes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Normalized name with every word singularized: the key plural and singular forms share. */
export function nameKey(name: string): string {
  return normalizeName(name).split(' ').map(singular).join(' ');
}

/** Damerau–Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** How many typos a name of this length tolerates. */
export function typoBudget(key: string): number {
  return key.length >= 10 ? 2 : key.length >= 5 ? 1 : 0;
}
