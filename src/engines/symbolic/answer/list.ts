/**
 * "What are the P of X", "what is the P of X", "how many P does X have", "how many Y are there"
 * and "how to handle X": objects of X along P (sub-properties included by RDFS inference).
 */
import type { TermInfo } from '../knowledge/graph.js';
import type { Link } from '../knowledge/linker.js';
import { V } from '../knowledge/vocab.js';
import { asPredicate, isRelationTerm, linkRelation } from '../knowledge/relations.js';
import { andList, cap, isPluralLabel, itemLine, labelKind, nounPlural, subjectLink, toData, unknown } from './common.js';
import { confidenceOf, proofOf, rulesUsed } from './proof.js';
import { define } from './define.js';
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
    if (relPhrase && !subjPhrase && !needsContext) return classMembers(ctx, relPhrase, 'list') ?? define(ctx, relPhrase);
    return unknown(ctx, `the ${relPhrase ?? 'facts'} of ${subjPhrase ?? 'that'}`, [relPhrase, subjPhrase]);
  }
  const answer = render(ctx, collect(ctx, subject, relation));
  return { ...answer, relation: { ...relation, phrase: relPhrase } };
}

function render(ctx: AnswerContext, found: Found): Answer {
  const { subject, relation, items, facts } = found;
  const rel = ctx.graph.label(relation.id);
  if (items.length === 0) {
    const what = labelKind(rel) === 'noun' ? `any ${rel} of ${subject.label}` : `what ${subject.label} ${rel}`;
    const ans = unknown(ctx, what, [subject.label]);
    return { ...ans, focus: subject };
  }
  const sentences: Sentence[] = [heading(ctx, relation.id, subject.label, rel, items.length)];
  items.forEach((item, i) => {
    const src = item.sources[0] ? ` (source: ${item.sources[0]})` : '';
    sentences.push([`\n${i + 1}. ${itemLine(item)}${src}`]);
    const fixes = ctx.graph.objects(item.id, V.mitigatedBy).filter((m) => m !== subject.id).map((m) => ctx.graph.label(m));
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
  if (!subjPhrase && !needsContext && relPhrase) return classMembers(ctx, relPhrase, 'count') ?? unknown(ctx, `how many ${relPhrase} there are`, [relPhrase]);
  const listed = list(ctx, relPhrase, subjPhrase, needsContext);
  if (listed.status !== 'answered') return listed;
  // the listing's first sentence already leads with the number ("OAuth 2.0 has 5 known …")
  const items = (listed.data.items as unknown[]).length;
  return { ...listed, data: { ...listed.data, count: items } };
}

/** Instances of the class named by `phrase` (derived types included), each with what it belongs to. */
function classMembers(ctx: AnswerContext, phrase: string, mode: 'list' | 'count'): Answer | undefined {
  const { graph } = ctx;
  const found = ctx.linker.link(phrase, (id) => graph.isClass(id));
  const cls = found && graph.isClass(found.id) ? found : undefined;
  if (!cls) return undefined;
  const facts = [...graph.kb.match(-1, graph.id(V.type), cls.id)];
  const shown = facts.slice(0, mode === 'count' ? 20 : 50);
  const items = shown.map((f) => graph.info(graph.kb.facts.s[f]));
  const name = nounPlural(cls.label, facts.length);
  const owners = (id: number) => graph.subjects(V.hasRisk, id).map((o) => graph.label(o));
  const head: Sentence = mode === 'count'
    ? [`There ${facts.length === 1 ? 'is' : 'are'} ${facts.length} ${name} in my knowledge:`, `I know ${facts.length} ${name}:`]
    : [`I know ${facts.length} ${name}:`];
  const lines = items.map((item, i) => {
    const of = owners(item.id);
    return `\n${i + 1}. ${item.label}${of.length ? ` (${andList([...new Set(of)])})` : ''}`;
  });
  if (facts.length > shown.length) lines.push(`\n… and ${facts.length - shown.length} more.`);
  const sentences: Sentence[] = [head, [lines.join('')]];
  return {
    status: 'answered', sentences, facts, rules: rulesUsed(graph, shown), confidence: confidenceOf(graph, shown), focus: cls,
    proof: { label: `instances of ${cls.label}`, kind: 'answer', children: shown.map((f) => proofOf(graph, f)) },
    data: { answer: facts.length, count: facts.length, class: cls.label, items: items.map(toData) },
  };
}

/** How to handle/prevent X: techniques that handle X, or mitigations of X's risks. */
export function how(ctx: AnswerContext, subjPhrase: string | undefined, needsContext?: boolean): Answer {
  const subjects = subjPhrase ? ambiguous(ctx, subjPhrase) : [];
  const subject = subjects[0] ?? subjectLink(ctx, subjPhrase, needsContext);
  if (!subject) return unknown(ctx, `how to handle ${subjPhrase ?? 'that'}`, [subjPhrase]);
  if (subjects.length > 1) {
    // "clock skew" names part of several risks: answer for each, saying so
    const parts = subjects.map((s) => howOne(ctx, s)).filter((a) => a.status === 'answered');
    if (parts.length > 1) {
      const lead: Sentence = [`"${subjPhrase}" matches ${parts.length} things I know; for each:`];
      return { ...parts[0], sentences: [lead, ...parts.flatMap((a) => [['\n'], ...a.sentences])], facts: parts.flatMap((a) => a.facts) };
    }
    if (parts.length === 1) return parts[0];
  }
  return howOne(ctx, subject);
}

// equally good partial matches ("clock skew" → "clock skew between nodes", "clock skew on exp and nbf")
function ambiguous(ctx: AnswerContext, phrase: string): Link[] {
  const cands = ctx.linker.candidates(phrase).filter((c) => !ctx.graph.isPredicate(c.id));
  if (cands[0]?.how !== 'partial') return cands.slice(0, 1);
  return cands.filter((c) => c.score === cands[0].score).slice(0, 3);
}

function howOne(ctx: AnswerContext, subject: Link): Answer {
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
  const things = nounPlural(rel, n);
  if (relation === ctx.graph.id(V.handledBy) || relation === ctx.graph.id(V.mitigatedBy)) {
    const t = n === 1 ? 'technique' : 'techniques';
    return [`To handle ${subject}, I know ${n} ${t}:`, `${cap(subject)} can be handled with ${n} known ${t}:`];
  }
  const kind = labelKind(rel);
  if (kind !== 'noun') {
    const t = n === 1 ? 'thing' : 'things';
    const verb = kind === 'verb' ? rel : `${isPluralLabel(subject) ? 'are' : 'is'} ${rel}`;
    return [`${cap(subject)} ${verb} ${n} ${t} that I know of:`, `I know ${n} ${t} that ${subject} ${verb}:`];
  }
  return [
    `${cap(subject)} ${isPluralLabel(subject) ? 'have' : 'has'} ${n} known ${things}:`,
    `I know of ${n} ${things} for ${subject}:`,
    `These are the ${things} of ${subject} that I can back with facts:`,
  ];
}

/** English plural for a relation label ("edge case" → "edge cases"). */
export function plural(word: string, n: number): string {
  return nounPlural(word, n);
}
