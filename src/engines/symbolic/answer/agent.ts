/** "What mitigates X", "who manages Alice": the subjects of (?, P, X), each with its proof. */
import { linkRelation } from '../knowledge/relations.js';
import { itemLine, toData, unknown } from './common.js';
import { confidenceOf, proofOf, rulesUsed } from './proof.js';
import type { Answer, AnswerContext, Sentence } from './types.js';

/** Answer "what P X" with the things that stand in relation P to X. */
export function agent(ctx: AnswerContext, relPhrase: string | undefined, objPhrase: string | undefined, needsContext?: boolean): Answer {
  const { graph } = ctx;
  const p = linkRelation(ctx, relPhrase);
  const x = objPhrase ? ctx.linker.link(objPhrase, (id) => !graph.isPredicate(id)) : needsContext ? ctx.focus : undefined;
  if (!p || !x) return unknown(ctx, `what ${relPhrase ?? 'relates to'} ${objPhrase ?? 'that'}`, [relPhrase, objPhrase]);
  const seen = new Set<number>();
  const facts = graph.kb.match(-1, p.id, x.id).filter((f) => {
    const s = graph.kb.facts.s[f];
    return !seen.has(s) && Boolean(seen.add(s));
  });
  if (facts.length === 0) return { ...unknown(ctx, `what ${p.label} ${x.label}`, [x.label]), focus: x };
  const items = facts.map((f) => graph.info(graph.kb.facts.s[f]));
  const names = items.map((i) => i.label);
  const what = (relPhrase ?? p.label).toLowerCase();
  // "reports to" → "report to" after a plural subject
  const verb = items.length > 1 ? what.replace(/^(\w+?)(e?s)\b/, (m, stem: string, end: string) => (/(ss|sh|ch|x)$/.test(stem) && end === 'es' ? stem : /[^s]s$/.test(m) ? m.slice(0, -1) : m)) : what;
  const sentences: Sentence[] = [[
    items.length === 1 ? `One thing I know of ${what} ${x.label}:` : `${items.length} things I know of ${verb} ${x.label}:`,
  ]];
  items.forEach((item, i) => {
    const src = item.sources[0] ? ` (source: ${item.sources[0]})` : '';
    sentences.push([`\n${i + 1}. ${itemLine(item)}${src}`]);
  });
  return {
    status: 'answered', sentences, facts, rules: rulesUsed(graph, facts), confidence: confidenceOf(graph, facts), focus: x,
    relation: { ...p, phrase: relPhrase },
    proof: { label: `what ${p.label} ${x.label}`, kind: 'answer', children: facts.map((f) => proofOf(graph, f)) },
    data: { answer: names.join('; '), relation: p.label, object: x.label, items: items.map(toData) },
  };
}
