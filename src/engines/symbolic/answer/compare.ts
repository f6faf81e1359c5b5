/** "Compare X and Y": shared and distinct types and relations, each backed by facts. */
import { V } from '../knowledge/vocab.js';
import { andList, unknown } from './common.js';
import type { Answer, AnswerContext, Sentence } from './types.js';

/** Compare two linked entities. */
export function compare(ctx: AnswerContext, a: string | undefined, b: string | undefined): Answer {
  const { graph } = ctx;
  const x = a ? ctx.linker.link(a, (id) => !graph.isPredicate(id)) : undefined;
  const y = b ? ctx.linker.link(b, (id) => !graph.isPredicate(id)) : undefined;
  if (!x || !y) return unknown(ctx, `how ${a} and ${b} compare`, [a, b]);
  const typesOf = (id: number) => new Set(graph.types(id).map((t) => graph.label(t)).filter((l) => l !== 'Resource'));
  const tx = typesOf(x.id);
  const ty = typesOf(y.id);
  const shared = [...tx].filter((t) => ty.has(t));
  const only = (s: Set<string>, o: Set<string>) => [...s].filter((t) => !o.has(t));
  const sentences: Sentence[] = [];
  const ix = graph.info(x.id);
  const iy = graph.info(y.id);
  if (ix.description) sentences.push([`${ix.label} is ${ix.description}.`]);
  if (iy.description) sentences.push([` ${iy.label} is ${iy.description}.`]);
  if (shared.length) sentences.push([` Both are ${andList(shared)}.`, ` They share the types ${andList(shared)}.`]);
  const ox = only(tx, ty);
  const oy = only(ty, tx);
  if (ox.length || oy.length) sentences.push([` Only ${x.label} is ${andList(ox) || '—'}; only ${y.label} is ${andList(oy) || '—'}.`]);
  const rx = graph.objects(x.id, V.hasRisk).length;
  const ry = graph.objects(y.id, V.hasRisk).length;
  if (rx || ry) sentences.push([` I know ${rx} risks of ${x.label} and ${ry} of ${y.label}.`]);
  const link = graph.kb.match(x.id, -1, y.id)[0] ?? graph.kb.match(y.id, -1, x.id)[0];
  const facts: number[] = [];
  if (link !== undefined) {
    const f = graph.fact(link);
    facts.push(link);
    sentences.push([` Directly: ${graph.label(graph.id(f.s))} ${graph.label(graph.id(f.p))} ${graph.label(graph.id(f.o))}.`]);
  }
  if (sentences.length === 0) sentences.push([`I know both ${x.label} and ${y.label} but nothing that relates or distinguishes them.`]);
  return {
    status: 'answered', sentences, facts, rules: [], confidence: 0.9, focus: x,
    data: { answer: sentences.map((s) => s[0]).join(''), a: x.label, b: y.label, shared, onlyA: ox, onlyB: oy },
  };
}
