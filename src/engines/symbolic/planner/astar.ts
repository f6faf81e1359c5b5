/**
 * A* over planning states. States are sorted proposition sets keyed by their joined text;
 * with the admissible h_max heuristic the first goal state popped is a cheapest plan.
 */
import { hMax } from './heuristic.js';
import { MinHeap } from './min-heap.js';
import type { Action, PlanBounds, PlanProblem, PlanResult, Proposition } from './types.js';

interface Node {
  state: ReadonlySet<Proposition>;
  key: string;
  g: number;
  f: number;
  depth: number;
  parent: Node | null;
  action: Action | null;
}

const keyOf = (state: ReadonlySet<Proposition>): string => [...state].sort().join('\u0000');

function satisfies(state: ReadonlySet<Proposition>, props: readonly Proposition[]): boolean {
  for (const p of props) if (!state.has(p)) return false;
  return true;
}

function apply(state: ReadonlySet<Proposition>, a: Action): Set<Proposition> {
  const next = new Set(state);
  for (const p of a.remove) next.delete(p);
  for (const p of a.add) next.add(p);
  return next;
}

function stepsOf(node: Node): Action[] {
  const steps: Action[] = [];
  for (let n: Node | null = node; n?.action; n = n.parent) steps.push(n.action);
  return steps.reverse();
}

/**
 * Find the cheapest sequence of actions that reaches every goal proposition.
 * @example plan({ initial: ['at(a)'], goal: ['at(c)'], actions }, { maxExpansions: 1e4 })
 */
export function plan(problem: PlanProblem, bounds: PlanBounds = {}): PlanResult {
  const maxExpansions = bounds.maxExpansions ?? 100_000;
  const maxDepth = bounds.maxDepth ?? 50;
  const goal = [...new Set(problem.goal)];
  const actions = problem.actions.filter((a) => a.cost >= 0);
  const h = hMax(actions, goal);
  const start = new Set(problem.initial);
  const open = new MinHeap<Node>((a, b) => a.f - b.f || b.g - a.g);
  const best = new Map<string, number>();
  const h0 = h(start);
  if (h0 === Infinity) {
    return { found: false, reason: 'unreachable', expanded: 0, detail: 'no combination of the known actions reaches the goal' };
  }
  open.push({ state: start, key: keyOf(start), g: 0, f: h0, depth: 0, parent: null, action: null });
  best.set(keyOf(start), 0);
  let expanded = 0;
  let cutByDepth = false;
  for (let node = open.pop(); node; node = open.pop()) {
    if ((best.get(node.key) ?? Infinity) < node.g) continue; // a cheaper path to this state was found later
    if (satisfies(node.state, goal)) return { found: true, steps: stepsOf(node), cost: node.g, expanded };
    if (++expanded > maxExpansions) {
      return { found: false, reason: 'bound', expanded, detail: `search stopped after ${maxExpansions} expanded states` };
    }
    if (node.depth >= maxDepth) { cutByDepth = true; continue; }
    for (const a of actions) {
      if (!satisfies(node.state, a.preconditions)) continue;
      const state = apply(node.state, a);
      const key = keyOf(state);
      const g = node.g + a.cost;
      if (g >= (best.get(key) ?? Infinity)) continue;
      const hs = h(state);
      if (hs === Infinity) continue;
      best.set(key, g);
      open.push({ state, key, g, f: g + hs, depth: node.depth + 1, parent: node, action: a });
    }
  }
  if (cutByDepth) return { found: false, reason: 'bound', expanded, detail: `no plan within ${maxDepth} steps` };
  return { found: false, reason: 'unreachable', expanded, detail: 'every reachable state was explored without reaching the goal' };
}
