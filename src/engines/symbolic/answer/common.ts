/** Helpers shared by the answer handlers: "I don't know" with the nearest facts, item lines. */
import type { Graph, TermInfo } from '../knowledge/graph.js';
import { V } from '../knowledge/vocab.js';
import type { Link } from '../knowledge/linker.js';
import type { Answer, AnswerContext, Sentence } from './types.js';

const IRREGULAR_PLURAL: Record<string, string> = { person: 'people', child: 'children', man: 'men', woman: 'women', analysis: 'analyses', criterion: 'criteria' };

const STOPWORDS = new Set(['the', 'and', 'what', 'which', 'who', 'how', 'why', 'are', 'was', 'were', 'does', 'did', 'can', 'could', 'should', 'would', 'with', 'for', 'from', 'about', 'that', 'this', 'there', 'have', 'has', 'you', 'your', 'not']);

/** A plain "I don't know", showing what the knowledge holds nearest to the phrases asked. */
export function unknown(ctx: AnswerContext, what: string, phrases: Array<string | undefined>): Answer {
  const nearest: TermInfo[] = [];
  const seen = new Set<number>();
  const labels = new Set<string>();
  for (const phrase of phrases) {
    if (!phrase) continue;
    // a few distinct words are enough to show what is near; a long text must not cost a scan per word
    const words = [...new Set(phrase.toLowerCase().split(/[^\p{L}\p{N}-]+/u).filter((w) => w.length > 2 && !STOPWORDS.has(w)))].slice(0, 8);
    for (const word of words) {
      for (const c of ctx.linker.candidates(word).slice(0, 3)) {
        const label = ctx.graph.label(c.id).toLowerCase();
        if (seen.has(c.id) || labels.has(label) || nearest.length >= 5) continue;
        seen.add(c.id);
        labels.add(label);
        nearest.push(ctx.graph.info(c.id));
      }
    }
  }
  const sentences: Sentence[] = [[
    `I don't know ${what}: nothing in my knowledge backs an answer.`,
    `I can't answer ${what}; my knowledge has no facts that support one.`,
    `I have no facts about ${what}, so I won't guess.`,
  ]];
  if (nearest.length) {
    const names = nearest.map((n) => n.label).join(', ');
    sentences.push([`The nearest things I do know about are: ${names}.`, `Closest in what I know: ${names}.`]);
  }
  return { status: 'unknown', sentences, facts: [], rules: [], confidence: 0, data: { answer: null, nearest: nearest.map(toData) }, nearest };
}

/** "label — description" for an item in a list. */
export function itemLine(info: TermInfo): string {
  return info.description ? `${info.label} — ${info.description}` : info.label;
}

/** Structured form of a term for JSON output. */
export function toData(info: TermInfo): Record<string, unknown> {
  return { id: info.iri, label: info.label, description: info.description ?? null, sources: info.sources };
}

/** Join labels as English: "a, b and c". */
export function andList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A Link to the focus entity, or the linked subject phrase. */
export function subjectLink(ctx: AnswerContext, phrase: string | undefined, needsContext?: boolean): Link | undefined {
  if (phrase) return ctx.linker.link(phrase, (id) => !ctx.graph.isPredicate(id));
  return needsContext || !phrase ? ctx.focus : undefined;
}

/** "a"/"an" for a noun phrase. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(uni|use|eu|one)/i.test(word) ? 'an' : 'a';
}

/** Capitalize the first letter (labels start sentences). */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether a label reads as a plural noun phrase ("distributed systems", "microservices"). */
export function isPluralLabel(label: string): boolean {
  const last = label.trim().split(/\s+/).pop() ?? '';
  return /[a-z]s$/.test(last) && !/(ss|us|is|ics)$/.test(last) && last.length > 3;
}

/**
 * A fact as an English clause: verbs read "S uses O", participles and "… of/to" labels read
 * "S is related to O", nouns read "O is a risk of S".
 */
export function relationClaim(subject: string, predicate: string, object: string): string {
  const kind = labelKind(predicate);
  if (kind === 'verb') return `${subject} ${predicate} ${object}`;
  if (kind === 'participle') return `${subject} is ${predicate} ${object}`;
  return `${object} is ${article(predicate)} ${predicate} of ${subject}`;
}

/** How a predicate label reads: a verb ("uses"), a participle ("related to") or a noun ("risk"). */
export function labelKind(predicate: string): 'verb' | 'participle' | 'noun' {
  const first = predicate.split(' ')[0].toLowerCase();
  if (/^(?:is|are|has|have)$/.test(first)) return 'verb';
  if (/ed$/.test(first) || (/\b(?:of|to|from|with)$/.test(predicate) && !/s$/.test(first))) return 'participle';
  if (/[^s]s$/.test(first) && predicate.split(' ').length <= 3) return 'verb';
  return 'noun';
}

/** A term's most specific types (a type implied by another of its types is left out). */
export function directTypes(graph: Graph, id: number): number[] {
  const all = graph.types(id).filter((t) => graph.label(t) !== 'Resource');
  return all.filter((t) => !all.some((u) => u !== t && graph.factId(u, V.subClassOf, t) >= 0));
}

/** "5 vulnerabilities, 2 hidden complexities and 1 edge case" of a term, by kind of risk. */
export function riskSummary(graph: Graph, id: number): { total: number; text: string } {
  const base = graph.id(V.hasRisk);
  const total = new Set(graph.objects(id, base)).size;
  const parts: string[] = [];
  let counted = 0;
  for (const p of graph.subjects(V.subPropertyOf, base)) {
    if (p === base) continue;
    const n = new Set(graph.objects(id, p)).size;
    if (n === 0) continue;
    counted += n;
    parts.push(`${n} ${nounPlural(graph.label(p), n)}`);
  }
  if (counted === 0) return { total, text: `${total} ${nounPlural('risk', total)}` };
  if (total > counted) parts.push(`${total - counted} other ${nounPlural('risk', total - counted)}`);
  return { total, text: andList(parts) };
}

/** Crude English plural of a noun phrase ("edge case" → "edge cases", "vulnerability" → "vulnerabilities"). */
export function nounPlural(word: string, n: number): string {
  if (n === 1 || /[^s]s$/.test(word)) return word;
  const irregular = /^(.*?)\b(person|child|man|woman|analysis|criterion)$/i.exec(word);
  if (irregular) return irregular[1] + IRREGULAR_PLURAL[irregular[2].toLowerCase()];
  if (/complexity$|[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
  if (/(ch|sh|x|ss)$/.test(word)) return word + 'es';
  return word + 's';
}
