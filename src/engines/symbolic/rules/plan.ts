/**
 * Join plans: for each rule and each premise that a new fact can match, the order in which the
 * other premises are joined — most bound positions first, so index lookups stay selective.
 */
import type { Rule } from '../kb/index.js';

/** How to fire `rule` when a new fact matches premise `trigger`. */
export interface TriggerPlan {
  /** Index of the rule in kb.rules. */
  ruleIx: number;
  rule: Rule;
  trigger: number;
  /** The remaining premises, in join order. */
  order: Int32Array;
  /** Number of premise variables (existentials are numbered after them). */
  nVars: number;
}

/** Variables (numbers) occurring in one premise. */
function varsOf(rule: Rule, i: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < 3; j++) {
    const e = rule.premises[3 * i + j];
    if (e < 0) out.push(-e - 1);
  }
  return out;
}

/** Greedy join order of the premises other than `first`, given the variables `first` binds. */
export function joinOrder(rule: Rule, first: number, boundAtStart: Iterable<number> = []): Int32Array {
  const n = rule.premises.length / 3;
  const bound = new Set<number>(boundAtStart);
  if (first >= 0) for (const v of varsOf(rule, first)) bound.add(v);
  const left = Array.from({ length: n }, (_, i) => i).filter((i) => i !== first);
  const order: number[] = [];
  while (left.length > 0) {
    let best = 0, bestScore = -1;
    left.forEach((i, k) => {
      let score = 0;
      for (let j = 0; j < 3; j++) {
        const e = rule.premises[3 * i + j];
        // constants and bound variables narrow the lookup; a known predicate is worth a bit more
        if (e >= 0 || bound.has(-e - 1)) score += j === 1 ? 3 : 4;
      }
      if (score > bestScore) (best = k), (bestScore = score);
    });
    const [i] = left.splice(best, 1);
    order.push(i);
    for (const v of varsOf(rule, i)) bound.add(v);
  }
  return Int32Array.from(order);
}

/**
 * The premise to start a full evaluation of a rule from: the one expected to match fewest facts
 * (facts with its predicate, or all facts for a variable predicate, narrowed by constant s/o).
 */
export function startPremise(rule: Rule, predicateCount: (p: number) => number, total: number): number {
  let best = 0, bestCost = Infinity;
  for (let i = 0; i < rule.premises.length / 3; i++) {
    const [s, p, o] = [rule.premises[3 * i], rule.premises[3 * i + 1], rule.premises[3 * i + 2]];
    let cost = p >= 0 ? predicateCount(p) : total;
    if (s >= 0) cost /= 16;
    if (o >= 0) cost /= 16;
    if (cost < bestCost) (best = i), (bestCost = cost);
  }
  return best;
}

/** Number of variables bound by a rule's premises. */
export function premiseVars(rule: Rule): number {
  let n = 0;
  for (const e of rule.premises) if (e < 0) n = Math.max(n, -e);
  return n;
}

/** Trigger plans of every rule, grouped by the trigger premise's predicate (-1 = variable). */
export function buildPlans(rules: readonly Rule[], use: readonly number[]): Map<number, TriggerPlan[]> {
  const byPred = new Map<number, TriggerPlan[]>();
  for (const ruleIx of use) {
    const rule = rules[ruleIx];
    const n = rule.premises.length / 3;
    for (let i = 0; i < n; i++) {
      const p = rule.premises[3 * i + 1];
      const key = p >= 0 ? p : -1;
      const plan: TriggerPlan = { ruleIx, rule, trigger: i, order: joinOrder(rule, i), nVars: premiseVars(rule) };
      const list = byPred.get(key);
      if (list) list.push(plan);
      else byPred.set(key, [plan]);
    }
  }
  return byPred;
}
