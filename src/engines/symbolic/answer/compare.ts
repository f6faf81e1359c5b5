/** "Compare X and Y": descriptions, shared and distinct types, risks and direct links, each backed by facts. */
import { V } from '../knowledge/vocab.js';
import type { Graph } from '../knowledge/graph.js';
import { andList, article, cap, directTypes, nounPlural, relationClaim, riskSummary, unknown } from './common.js';
import type { Answer, AnswerContext, Sentence } from './types.js';

/** Compare two linked entities. */
export function compare(ctx: AnswerContext, a: string | undefined, b: string | undefined): Answer {
  const { graph } = ctx;
  const x = a ? ctx.linker.link(a, (id) => !graph.isPredicate(id)) : undefined;
  const y = b ? ctx.linker.link(b, (id) => !graph.isPredicate(id)) : undefined;
  if (!x || !y) return unknown(ctx, `how ${a} and ${b} compare`, [a, b]);
  if (x.id === y.id) return { ...unknown(ctx, `how ${x.label} differs from itself`, []), focus: x };
  const typesOf = (id: number) => new Set(directTypes(graph, id).map((t) => graph.label(t)));
  const tx = typesOf(x.id);
  const ty = typesOf(y.id);
  const shared = [...tx].filter((t) => ty.has(t));
  const ox = [...tx].filter((t) => !ty.has(t));
  const oy = [...ty].filter((t) => !tx.has(t));
  const sentences: Sentence[] = [];
  for (const id of [x.id, y.id]) {
    const info = graph.info(id);
    if (info.description) sentences.push([`${cap(info.label)} is ${info.description}.`]);
  }
  if (shared.length) sentences.push([`Both are ${andList(shared.map((t) => nounPlural(t, 2)))}.`, `They are both ${andList(shared.map((t) => nounPlural(t, 2)))}.`]);
  const kind = (label: string, types: string[]) => `${label} is ${article(types[0])} ${andList(types)}`;
  if (ox.length && oy.length) sentences.push([`${cap(kind(x.label, ox))}, while ${kind(y.label, oy)}.`]);
  else if (ox.length) sentences.push([`Only ${kind(x.label, ox)}.`]);
  else if (oy.length) sentences.push([`Only ${kind(y.label, oy)}.`]);
  const rx = riskSummary(graph, x.id);
  const ry = riskSummary(graph, y.id);
  if (rx.total || ry.total) sentences.push([`I know ${risks(rx)} of ${x.label}, and ${risks(ry)} of ${y.label}.`]);
  const facts = linksBetween(graph, x.id, y.id);
  for (const f of facts) {
    const kb = graph.kb.facts;
    sentences.push([`Directly: ${relationClaim(graph.label(kb.s[f]), graph.label(kb.p[f]), graph.label(kb.o[f]))}.`]);
  }
  if (sentences.length === 0) sentences.push([`I know both ${x.label} and ${y.label} but nothing that relates or distinguishes them.`]);
  return {
    status: 'answered', sentences, facts, rules: [], confidence: 0.9, focus: x,
    data: { answer: sentences.map((s) => s[0]).join(' '), a: x.label, b: y.label, shared, onlyA: ox, onlyB: oy },
  };
}

function risks(r: { total: number; text: string }): string {
  if (!r.total) return 'no risks';
  const all = `${r.total} ${nounPlural('risk', r.total)}`;
  return r.text === all ? all : `${all} (${r.text})`;
}

// one asserted fact per direction, predicates other than the symmetric duplicate
function linksBetween(graph: Graph, a: number, b: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const f of [...graph.kb.match(a, -1, b), ...graph.kb.match(b, -1, a)]) {
    const p = graph.kb.facts.p[f];
    if (seen.has(p) || p === graph.id(V.type)) continue;
    seen.add(p);
    out.push(f);
  }
  return out.slice(0, 3);
}
