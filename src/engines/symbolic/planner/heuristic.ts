/**
 * h_max: the cost of the most expensive goal proposition when every action's delete effects
 * are ignored and each proposition's cost is the cheapest way to reach it. It never
 * overestimates (a real plan must at least reach that one proposition), so A* stays optimal.
 */
import type { Action, Proposition } from './types.js';

/** Build an admissible h_max heuristic for `goal` over `actions`. */
export function hMax(actions: Action[], goal: Proposition[]): (state: ReadonlySet<Proposition>) => number {
  return function heuristic(state) {
    const cost = new Map<Proposition, number>();
    for (const p of state) cost.set(p, 0);
    // Bellman-Ford style relaxation: at most |actions| rounds, usually a few.
    for (let changed = true, round = 0; changed && round <= actions.length; round++) {
      changed = false;
      for (const a of actions) {
        let pre = 0;
        for (const p of a.preconditions) {
          const c = cost.get(p);
          if (c === undefined) { pre = Infinity; break; }
          if (c > pre) pre = c;
        }
        if (pre === Infinity) continue;
        for (const p of a.add) {
          const next = pre + a.cost;
          if (next < (cost.get(p) ?? Infinity)) { cost.set(p, next); changed = true; }
        }
      }
    }
    let h = 0;
    for (const g of goal) {
      const c = cost.get(g);
      if (c === undefined) return Infinity;
      if (c > h) h = c;
    }
    return h;
  };
}
