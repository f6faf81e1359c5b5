import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KbBoundError, KnowledgeBase, loadString, query } from '../kb/index.js';
import { CASES } from './fixtures/cases.js';
import { closure, keysOf, loadCase, replayProof } from './fixtures/harness.js';
import { infer, prove } from './index.js';

/** Triples and confidences a set of backward answers proves for `?s ?p ?o`-shaped goals. */
function proven(answers: ReturnType<typeof prove>['answers']): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of answers) for (const t of a.proofs) out.set(t.triple.join(' '), t.confidence);
  return out;
}

function assertSame(actual: Map<string, number>, expected: Map<string, number>, what: string): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), what);
  for (const [k, c] of expected) assert.ok(Math.abs(actual.get(k)! - c) < 1e-9, `${what}: confidence of ${k} ${actual.get(k)} ≠ ${c}`);
}

describe('backward chaining gives the same results as forward chaining', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const fwd = await loadCase(c);
      infer(fwd);
      const all = closure(fwd);
      const kb = await loadCase(c); // not materialized
      const sizeBefore = kb.size;
      const everything = prove(kb, '?s ?p ?o');
      assertSame(proven(everything.answers), all, 'goal ?s ?p ?o');
      for (const a of everything.answers) replayProof(kb, a.proofs[0]);
      // goal-directed: one goal per predicate, and per subject
      const preds = new Set([...all.keys()].map((k) => k.split(' ')[1]));
      for (const p of preds) {
        const expected = new Map([...all].filter(([k]) => k.split(' ')[1] === p));
        assertSame(proven(prove(kb, `?s <${p}> ?o`).answers), expected, `goal ?s <${p}> ?o`);
      }
      for (const s of new Set([...all.keys()].map((k) => k.split(' ')[0]))) {
        if (s.startsWith('"') || s.startsWith('_:')) continue;
        const expected = new Map([...all].filter(([k]) => k.split(' ')[0] === s));
        assertSame(proven(prove(kb, `<${s}> ?p ?o`).answers), expected, `goal <${s}> ?p ?o`);
      }
      for (const t of c.expect) assert.equal(prove(kb, keysOf(kb, t).map((k) => `<${k}>`).join(' ')).answers.length, 1, `prove ${t}`);
      for (const t of c.absent ?? []) {
        const ks = keysOf(kb, t);
        if (ks.every((k) => kb.id(k) >= 0)) assert.equal(prove(kb, ks.map((k) => `<${k}>`).join(' ')).answers.length, 0, `disprove ${t}`);
      }
      assert.equal(kb.size, sizeBefore, 'backward chaining does not store anything');
    });
  }

  it('joins several goal patterns and binds shared variables', async () => {
    const kb = await loadCase(CASES[0]);
    const r = prove(kb, '?x a ?c . ?c rdfs:subClassOf <urn:t:Animal>');
    const rows = r.answers.map((a) => `${a.bindings.x} ${a.bindings.c}`).sort();
    assert.deepEqual(rows, ['urn:t:rex urn:t:Dog', 'urn:t:rex urn:t:Mammal']);
    assert.equal(r.answers[0].proofs.length, 2);
    assert.deepEqual(query(kb, '?x a <urn:t:Animal>'), [], 'nothing was materialized');
  });

  it('stops at maxDepth with a typed error', async () => {
    const kb = new KnowledgeBase();
    const chain = Array.from({ length: 40 }, (_, i) => `:n${i} :next :n${i + 1} .`).join('\n');
    await loadString(kb, `@prefix : <urn:t:> .\n{ ?x :next ?y . ?y a :Marked } => { ?x a :Marked } .\n:n40 a :Marked .\n${chain}`, 'n3');
    const goal = '<urn:t:n0> a <urn:t:Marked>';
    assert.throws(() => prove(kb, goal, { maxDepth: 10 }), (e: unknown) => e instanceof KbBoundError && e.bound === 'maxDepth' && e.limit === 10 && /maxDepth=10/.test(e.message));
    assert.equal(prove(kb, goal).answers.length, 1);
    assert.throws(() => prove(kb, '?x a <urn:t:Marked>', { maxSolutions: 5 }), (e: unknown) => e instanceof KbBoundError && e.bound === 'maxSolutions');
  });
});
