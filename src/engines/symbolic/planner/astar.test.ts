import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan } from './astar.js';
import { routeActions } from './routes.js';
import type { Action } from './types.js';

const act = (name: string, pre: string[], add: string[], remove: string[] = [], cost = 1): Action =>
  ({ name, preconditions: pre, add, remove, cost });

const kitchen: Action[] = [
  act('fill kettle', ['have(kettle)'], ['have(water)']),
  act('boil water', ['have(water)', 'have(power)'], ['have(hot water)'], [], 2),
  act('buy tea', ['have(money)'], ['have(teabag)'], ['have(money)'], 5),
  act('brew tea', ['have(hot water)', 'have(teabag)'], ['have(tea)'], ['have(hot water)']),
  act('buy ready tea', ['have(money)'], ['have(tea)'], ['have(money)'], 20),
];

const cases: Array<{ name: string; initial: string[]; goal: string[]; actions: Action[]; steps?: string[]; cost?: number; reason?: string }> = [
  { name: 'already satisfied', initial: ['have(tea)'], goal: ['have(tea)'], actions: kitchen, steps: [], cost: 0 },
  { name: 'cheapest of two plans, not the shortest', initial: ['have(kettle)', 'have(power)', 'have(money)'], goal: ['have(tea)'],
    actions: kitchen, steps: ['buy tea', 'fill kettle', 'boil water', 'brew tea'], cost: 9 },
  { name: 'only the expensive plan exists', initial: ['have(money)'], goal: ['have(tea)'], actions: kitchen, steps: ['buy ready tea'], cost: 20 },
  { name: 'unreachable', initial: ['have(kettle)'], goal: ['have(tea)'], actions: kitchen, reason: 'unreachable' },
  { name: 'delete effects matter: money spent once', initial: ['have(money)'], goal: ['have(teabag)', 'have(tea)'], actions: kitchen, reason: 'unreachable' },
];

for (const c of cases) {
  test(`planner: ${c.name}`, () => {
    const r = plan({ initial: c.initial, goal: c.goal, actions: c.actions });
    if (c.reason) {
      assert.equal(r.found, false);
      if (!r.found) assert.equal(r.reason, c.reason);
      return;
    }
    assert.ok(r.found, JSON.stringify(r));
    if (!r.found) return;
    // the returned steps must sort by dependency, so compare as sets plus a replay
    assert.deepEqual([...r.steps.map((s) => s.name)].sort(), [...(c.steps ?? [])].sort());
    assert.equal(r.cost, c.cost);
    const state = new Set(c.initial);
    for (const s of r.steps) {
      for (const p of s.preconditions) assert.ok(state.has(p), `${s.name} needs ${p}`);
      s.remove.forEach((p) => state.delete(p));
      s.add.forEach((p) => state.add(p));
    }
    for (const g of c.goal) assert.ok(state.has(g), `goal ${g} holds after replay`);
  });
}

test('planner: routes pick the cheapest path and honour direction', () => {
  const actions = routeActions([
    { from: 'home', to: 'station', via: 'walk', cost: 10, bidirectional: true },
    { from: 'station', to: 'airport', via: 'train', cost: 30 },
    { from: 'home', to: 'airport', via: 'taxi', cost: 60 },
  ]);
  const r = plan({ initial: ['at(home)'], goal: ['at(airport)'], actions });
  assert.ok(r.found);
  if (r.found) assert.deepEqual(r.steps.map((s) => s.name), ['walk(home → station)', 'train(station → airport)']);
  const back = plan({ initial: ['at(airport)'], goal: ['at(home)'], actions });
  assert.equal(back.found, false);
});

test('planner: a search bound ends with reason "bound", not a hang', () => {
  // a long chain: 200 steps, with a depth bound of 20
  const edges = Array.from({ length: 200 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}`, via: 'step' }));
  const r = plan({ initial: ['at(n0)'], goal: ['at(n200)'], actions: routeActions(edges) }, { maxDepth: 20 });
  assert.equal(r.found, false);
  if (!r.found) assert.equal(r.reason, 'bound');
  const r2 = plan({ initial: ['at(n0)'], goal: ['at(n200)'], actions: routeActions(edges) }, { maxExpansions: 5 });
  assert.ok(!r2.found && r2.reason === 'bound');
});

/** Dijkstra over explicit states: the reference optimum A* must match. */
function uniformCost(initial: string[], goal: string[], actions: Action[]): number {
  const key = (s: Set<string>) => [...s].sort().join('|');
  const dist = new Map([[key(new Set(initial)), 0]]);
  const frontier: Array<[number, Set<string>]> = [[0, new Set(initial)]];
  while (frontier.length) {
    frontier.sort((a, b) => a[0] - b[0]);
    const [g, s] = frontier.shift()!;
    if (g > (dist.get(key(s)) ?? Infinity)) continue;
    if (goal.every((p) => s.has(p))) return g;
    for (const a of actions) {
      if (!a.preconditions.every((p) => s.has(p))) continue;
      const n = new Set(s);
      a.remove.forEach((p) => n.delete(p));
      a.add.forEach((p) => n.add(p));
      if (g + a.cost < (dist.get(key(n)) ?? Infinity)) { dist.set(key(n), g + a.cost); frontier.push([g + a.cost, n]); }
    }
  }
  return Infinity;
}

test('planner: A* cost equals uniform-cost search on 200 random problems (admissible heuristic)', () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const props = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const pick = (k: number) => props.filter(() => rand() < k / props.length);
  for (let i = 0; i < 200; i++) {
    const actions = Array.from({ length: 8 }, (_, j) => act(`a${j}`, pick(1.5), pick(1.5), pick(0.8), 1 + Math.floor(rand() * 9)));
    const initial = pick(2);
    const goal = pick(2);
    const r = plan({ initial, goal, actions });
    const ref = uniformCost(initial, goal, actions);
    if (ref === Infinity) assert.equal(r.found, false, `case ${i}`);
    else assert.ok(r.found && r.cost === ref, `case ${i}: A* ${JSON.stringify(r.found && r.cost)} vs ${ref}`);
  }
});
