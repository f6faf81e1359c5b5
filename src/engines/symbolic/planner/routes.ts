/**
 * "How do I get from A to B": turn weighted edges (from the knowledge graph, e.g.
 * `:a :connectsTo :b`) into move actions so routes are planned by the same A*.
 */
import type { Action } from './types.js';

/** One traversable edge between two named places or states. */
export interface Edge {
  from: string;
  to: string;
  /** Name of the relation, used in the step's description ("connectsTo"). */
  via: string;
  cost?: number;
  bidirectional?: boolean;
  source?: string;
}

/** Move actions `via(from → to)` with precondition `at(from)` and effect `at(to)`. */
export function routeActions(edges: Edge[]): Action[] {
  const actions: Action[] = [];
  const add = (from: string, to: string, e: Edge) =>
    actions.push({
      name: `${e.via}(${from} → ${to})`,
      preconditions: [`at(${from})`],
      add: [`at(${to})`],
      remove: [`at(${from})`],
      cost: e.cost ?? 1,
      source: e.source,
    });
  for (const e of edges) {
    add(e.from, e.to, e);
    if (e.bidirectional) add(e.to, e.from, e);
  }
  return actions;
}
