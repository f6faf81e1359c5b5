/**
 * "What are the P of X", "what is the P of X", "how many P does X have", "how many Y are there"
 * and "how to handle X": objects of X along P (sub-properties included by RDFS inference).
 */
import type { TermInfo } from '../knowledge/graph.js';
import type { Link } from '../knowledge/linker.js';
import { V } from '../knowledge/vocab.js';
import { asPredicate, isRelationTerm, linkRelation } from '../knowledge/relations.js';
import { andList, itemLine, subjectLink, toData, unknown } from './common.js';
import { confidenceOf, proofOf, rulesUsed } from './proof.js';
import type { Answer, AnswerContext, Sentence } from './types.js';

interface Found {
  subject: Link;
  relation: Link;
  items: TermInfo[];
  facts: number[];
}

/** Resolve subject and relation from the parsed phrases, splitting "JWT security vulnerabilities". */
function resolve(ctx: AnswerContext, relPhrase: string | undefined, subjPhrase: string | undefined, needsContext?: boolean): { subject?: Link; relation?: Link } {
  if (relPhrase && !subjPhrase && !needsContext) {
    const split = ctx.linker.split(relPhrase, (id) => isRelationTerm(ctx.graph, id));
    if (split) return { subject: split.entity, relation: asPredicate(ctx.graph, split.relation) };
  }
  const subject = subjectLink(ctx, subjPhrase, needsContext || !subjPhrase);
  return { subject, relation: linkRelation(ctx, relPhrase) };
}

/** Objects of subject along relation; a class relation ("services") selects neighbours of that type. */
function collect(ctx: AnswerContext, subject: Link, relation: Link): Found {
  const { graph } = ctx;
  let facts = graph.isPredicate(relation.id) ? [...graph.factsOf(subject.id, relation.id)] : [];
  if (facts.length === 0 && graph.isClass(relation.id)) {
    facts = neighbourFacts(ctx, subject.id).filter((f) => graph.factId(graph.kb.facts.o[f], V.type, relation.id) >= 0);
  }
  const seen = new Set<number>();
  facts = facts.filter((f) => !seen.has(graph.kb.facts.o[f]) && Boolean(seen.add(graph.kb.facts.o[f])));
  const rank = ctx.preference ?? (() => 0);
  const items = facts.map((f) => graph.info(graph.kb.facts.o[f]));
  const order = items.map((_, i) => i).sort((a, b) => rank(items[b].label) - rank(items[a].label) || a - b);
  return { subject, relation, items: order.map((i) => items[i]), facts: order.map((i) => facts[i]) };
}

function neighbourFacts(ctx: AnswerContext, id: number): number[] {
  return ctx.graph.kb.match(id, -1, -1).filter((f) => !ctx.graph.kb.key(ctx.graph.kb.facts.o[f]).startsWith('"'));
}

/** List the P of X (also serves "what is the P of X" with one item). */
export function list(ctx: AnswerContext, relPhrase: string | undefined, subjPhrase: string | undefined, needsContext?: boolean): Answer {
  const { subject, relation } = resolve(ctx, relPhrase, subjPhrase, needsContext);
  if (!subject || !relation) {
    if (relPhrase && !subjPhrase && !needsContext) return classMembers(ctx, relPhrase, 'list');
    return unknown(ctx, `the ${relPhrase ?? 'facts'} of ${subjPhrase ?? 'that'}`, [relPhrase, subjPhrase]);
  }
  const found = collect(ctx, subject, relation);
  return render(ctx, found);
}

function render(ctx: AnswerContext, found: Found): Answer {
  const { subject, relation, items, facts } = found;
  const rel = ctx.graph.label(relation.id);
  if (items.length === 0) {
    const ans = unknown(ctx, `any ${rel} of ${subject.label}`, [subject.label]);
    return { ...ans, focus: subject };
  }
  const sentences: Sentence[] = [heading(ctx, relation.id, subject.label, rel, items.length)];
  items.forEach((item, i) => {
    const src = item.sources[0] ? ` (source: ${item.sources[0]})` : '';
    sentences.push([`\n${i + 1}. ${itemLine(item)}${src}`]);
    const fixes = ctx.graph.objects(item.id, V.mitigatedBy).map((m) => ctx.graph.label(m));
    if (fixes.length) sentences.push([` Mitigation: ${andList(fixes)}.`, ` Defence: ${andList(fixes)}.`]);
  });
  return {
    status: 'answered', sentences, facts, rules: rulesUsed(ctx.graph, facts), confidence: confidenceOf(ctx.graph, facts),
    focus: subject,
    proof: { label: `${plural(rel, 2)} of ${subject.label}`, kind: 'answer', children: facts.map((f) => proofOf(ctx.graph, f)) },
    data: { answer: `${subject.label}: ${items.map((i) => i.label).join('; ')}`, subject: subject.label, relation: rel, items: items.map(toData) },
  };
}

/** How many P does X have / how many Y are there (only instances of the asked type count). */
export function count(ctx: AnswerContext, relPhrase: string | undefined, subjPhrase: string | undefined, needsContext?: boolean): Answer {
  if (!subjPhrase && !needsContext && relPhrase) return classMembers(ctx, relPhrase, 'count');
  const listed = list(ctx, relPhrase, subjPhrase, needsContext);
  if (listed.status !== 'answered') return listed;
  const items = (listed.data.items as unknown[]).length;
  const head: Sentence = [`${items}.`, `There are ${items}.`];
  return { ...listed, sentences: [head, ...listed.sentences], data: { ...listed.data, count: items } };
}

/** Instances of the class named by `phrase` (derived types included). */
function classMembers(ctx: AnswerContext, phrase: string, mode: 'list' | 'count'): Answer {
  const cls = ctx.linker.link(phrase, (id) => ctx.graph.isClass(id));
  if (!cls || !ctx.graph.isClass(cls.id)) return unknown(ctx, phrase, [phrase]);
  const facts = [...ctx.graph.kb.match(-1, ctx.graph.id(V.type), cls.id)];
  const items = facts.map((f) => ctx.graph.info(ctx.graph.kb.facts.s[f]));
  const name = plural(cls.label, items.length);
  const head: Sentence = mode === 'count'
    ? [`There are ${items.length} ${name} in my knowledge.`, `I know ${items.length} ${name}.`]
    : [`I know ${items.length} ${name}:`];
  const sentences: Sentence[] = [head, [` ${items.map((i) => i.label).join(', ')}.`]];
  return {
    status: 'answered', sentences, facts, rules: rulesUsed(ctx.graph, facts), confidence: confidenceOf(ctx.graph, facts), focus: cls,
    proof: { label: `instances of ${cls.label}`, kind: 'answer', children: facts.slice(0, 50).map((f) => proofOf(ctx.graph, f)) },
    data: { answer: items.length, count: items.length, class: cls.label, items: items.map(toData) },
  };
}

/** How to handle/prevent X: techniques that handle X, or mitigations of X's risks. */
export function how(ctx: AnswerContext, subjPhrase: string | undefined, needsContext?: boolean): Answer {
  const subject = subjectLink(ctx, subjPhrase, needsContext);
  if (!subject) return unknown(ctx, `how to handle ${subjPhrase ?? 'that'}`, [subjPhrase]);
  for (const pred of [V.handledBy, V.mitigatedBy]) {
    const p = ctx.graph.id(pred);
    if (p >= 0 && ctx.graph.factsOf(subject.id, p).length) {
      return render(ctx, collect(ctx, subject, { id: p, label: ctx.graph.label(p), how: 'exact', score: 1 }));
    }
  }
  const risks = ctx.graph.id(V.hasRisk);
  if (risks >= 0 && ctx.graph.factsOf(subject.id, risks).length) {
    return render(ctx, collect(ctx, subject, { id: risks, label: 'risk', how: 'exact', score: 1 }));
  }
  return { ...unknown(ctx, `how to handle ${subject.label}`, [subject.label]), focus: subject };
}

function heading(ctx: AnswerContext, relation: number, subject: string, rel: string, n: number): Sentence {
  if (relation === ctx.graph.id(V.handledBy) || relation === ctx.graph.id(V.mitigatedBy)) {
    return [`To handle ${subject}, I know ${n} ${n === 1 ? 'technique' : 'techniques'}:`, `${cap(subject)} can be handled with ${n} known ${n === 1 ? 'technique' : 'techniques'}:`];
  }
  return [
    `${cap(subject)} has ${n} known ${plural(rel, n)}:`,
    `I know of ${n} ${plural(rel, n)} for ${subject}:`,
    `These are the ${plural(rel, n)} of ${subject} that I can back with facts:`,
  ];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Crude English plural for a relation label ("edge case" → "edge cases"). */
export function plural(word: string, n: number): string {
  if (n === 1 || /s$/.test(word)) return word;
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
  if (/(ch|sh|x)$/.test(word)) return word + 'es';
  return word + 's';
}
