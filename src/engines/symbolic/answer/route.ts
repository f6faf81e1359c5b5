/**
 * "How do I get from A to B": A* over the knowledge graph's connections (psr:connectsTo and
 * its sub-properties, optionally with a psr:cost on a declared psr:Action) .
 */
import { plan, routeActions } from '../planner/index.js';
import type { Action } from '../planner/index.js';
import type { Edge } from '../planner/routes.js';
import { V } from '../knowledge/vocab.js';
import { unknown } from './common.js';
import type { Answer, AnswerContext } from './types.js';

/** Plan a route between two linked places or states. */
export function route(ctx: AnswerContext, from: string | undefined, to: string | undefined): Answer {
  const { graph } = ctx;
  const a = from ? ctx.linker.link(from, (id) => !graph.isPredicate(id)) : undefined;
  const b = to ? ctx.linker.link(to, (id) => !graph.isPredicate(id)) : undefined;
  if (!a || !b) return unknown(ctx, `a way from ${from} to ${to}`, [from, to]);
  const actions = [...routeActions(edges(ctx)), ...declaredActions(ctx)];
  const result = plan({ initial: [`at(${a.label})`], goal: [`at(${b.label})`], actions }, { maxExpansions: ctx.maxExpansions ?? 50_000 });
  if (!result.found) {
    return {
      status: 'answered', focus: a, facts: [], rules: [], confidence: 0.7,
      sentences: [[`I found no way from ${a.label} to ${b.label}: ${result.detail}.`]],
      data: { answer: null, found: false, reason: result.reason },
    };
  }
  const steps = result.steps.map((s, i) => `\n${i + 1}. ${s.name}${s.cost !== 1 ? ` (cost ${s.cost})` : ''}`);
  return {
    status: 'answered', focus: b, facts: [], rules: [], confidence: 1,
    sentences: [[`The cheapest way from ${a.label} to ${b.label} takes ${result.steps.length} steps (total cost ${result.cost}):`], [steps.join('')]],
    proof: { label: `plan ${a.label} → ${b.label}, cost ${result.cost}, ${result.expanded} states expanded by A*`, kind: 'plan',
      children: result.steps.map((s) => ({ label: s.name, kind: 'plan', source: s.source, children: [] })) },
    data: { answer: result.steps.map((s) => s.name), cost: result.cost, found: true },
  };
}

function edges(ctx: AnswerContext): Edge[] {
  const { graph } = ctx;
  const preds = new Set<number>();
  const base = graph.id(V.connectsTo);
  if (base < 0) return [];
  preds.add(base);
  for (const sub of graph.subjects(V.subPropertyOf, base)) preds.add(sub);
  const out: Edge[] = [];
  for (const p of preds) {
    for (const f of graph.kb.match(-1, p, -1)) {
      const view = graph.fact(f);
      out.push({ from: graph.label(graph.kb.facts.s[f]), to: graph.label(graph.kb.facts.o[f]), via: graph.label(p), source: view.source });
    }
  }
  return out;
}

// psr:Action resources: requires/achieves/consumes name states ("at(X)" for places).
function declaredActions(ctx: AnswerContext): Action[] {
  const { graph } = ctx;
  const cls = graph.id(V.action);
  if (cls < 0) return [];
  const state = (id: number) => `at(${graph.label(id)})`;
  return graph.subjects(V.type, cls).map((id) => ({
    name: graph.label(id),
    preconditions: graph.objects(id, V.requires).map(state),
    add: graph.objects(id, V.achieves).map(state),
    remove: graph.objects(id, V.consumes).map(state),
    cost: Number(graph.literal(id, V.cost) ?? 1) || 1,
    source: graph.info(id).sources[0],
  }));
}
