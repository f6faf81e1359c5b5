import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KbBoundError, KnowledgeBase, loadString } from '../kb/index.js';
import { DEFAULT_BOUNDS, infer, type ReasonBounds } from './index.js';

const P = '@prefix : <urn:t:> .\n';
// every person has a parent who is a person: unbounded without a limit on new terms
const EXISTENTIAL = P + '{ ?x a :Person } => { ?x :parent _:p . _:p a :Person } .\n:ann a :Person .';
const CHAIN = P + '{ ?x :edge ?y } => { ?x :reach ?y } . { ?x :reach ?y . ?y :reach ?z } => { ?x :reach ?z } .\n' +
  Array.from({ length: 60 }, (_, i) => `:n${i} :edge :n${i + 1} .`).join('\n');
const GROWING = P + '{ ?x :next ?y } => { ?y :next ?x } . { ?x :next ?y . ?y :next ?z } => { ?x :next2 ?z } .\n' +
  Array.from({ length: 20 }, (_, i) => `:n${i} :next :n${i + 1} .`).join('\n');

const CASES: { name: string; text: string; bounds: ReasonBounds; bound: keyof ReasonBounds }[] = [
  { name: 'existential rule stops at maxNewTerms', text: EXISTENTIAL, bounds: { maxNewTerms: 1000 }, bound: 'maxNewTerms' },
  { name: 'existential rule with default bounds still stops', text: EXISTENTIAL, bounds: {}, bound: 'maxNewTerms' },
  { name: 'transitive closure stops at maxFacts', text: CHAIN, bounds: { maxFacts: 100 }, bound: 'maxFacts' },
  { name: 'long derivations stop at maxIterations', text: EXISTENTIAL, bounds: { maxIterations: 50 }, bound: 'maxIterations' },
  { name: 'maxFacts on another rule set', text: GROWING, bounds: { maxFacts: 30 }, bound: 'maxFacts' },
];

describe('reasoning bounds stop with a typed error', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const kb = new KnowledgeBase();
      await loadString(kb, c.text, 'n3');
      const limit = c.bounds[c.bound] ?? DEFAULT_BOUNDS[c.bound];
      assert.throws(() => infer(kb, c.bounds), (e: unknown) => {
        assert.ok(e instanceof KbBoundError, String(e));
        assert.equal(e.bound, c.bound);
        assert.equal(e.limit, limit);
        assert.match(e.message, new RegExp(`${c.bound}=${limit}`));
        return true;
      });
      assert.ok(kb.size < 1_000_000, 'stopped early, not after exhausting memory');
    });
  }

  it('the same inputs finish under generous bounds when they are finite', async () => {
    const kb = new KnowledgeBase();
    await loadString(kb, CHAIN, 'n3');
    const r = infer(kb, { maxFacts: 10_000 });
    assert.equal(r.derived, (61 * 60) / 2);
  });
});
