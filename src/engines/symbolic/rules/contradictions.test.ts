import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KnowledgeBase, loadString } from '../kb/index.js';
import { replayProof } from './fixtures/harness.js';
import { describeContradiction, infer, loadRuleSet } from './index.js';

const P = '@prefix : <urn:t:> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix psr: <https://w3id.org/psr#> .\n';

const CASES: { name: string; text: string; sets: string[]; kind: string; clash: [string, string]; derived?: boolean }[] = [
  { name: 'disjointWith, one side derived', sets: ['rdfs'], kind: 'disjointWith', derived: true,
    text: P + ':Cat owl:disjointWith :Dog . :Puppy rdfs:subClassOf :Dog . :tom a :Cat , :Puppy .',
    clash: ['urn:t:tom http://www.w3.org/1999/02/22-rdf-syntax-ns#type urn:t:Cat', 'urn:t:tom http://www.w3.org/1999/02/22-rdf-syntax-ns#type urn:t:Dog'] },
  { name: 'sameAs (derived by transitivity) vs differentFrom', sets: ['owl'], kind: 'differentFrom', derived: true,
    text: P + ':a owl:sameAs :b . :b owl:sameAs :c . :a owl:differentFrom :c .',
    clash: ['urn:t:a http://www.w3.org/2002/07/owl#sameAs urn:t:c', 'urn:t:a http://www.w3.org/2002/07/owl#differentFrom urn:t:c'] },
  { name: 'declared negation (psr:negationOf), one side derived by a rule', sets: [], kind: 'negationOf', derived: true,
    text: P + ':canFly psr:negationOf :cannotFly . { ?x a :Penguin } => { ?x :cannotFly :air } . :pingu a :Penguin ; :canFly :air .',
    clash: ['urn:t:pingu urn:t:canFly urn:t:air', 'urn:t:pingu urn:t:cannotFly urn:t:air'] },
  { name: 'propertyDisjointWith', sets: [], kind: 'propertyDisjointWith',
    text: P + ':loves owl:propertyDisjointWith :hates . :a :loves :b . :a :hates :b .',
    clash: ['urn:t:a urn:t:loves urn:t:b', 'urn:t:a urn:t:hates urn:t:b'] },
];

describe('contradictions are reported with both proofs, never resolved', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const kb = new KnowledgeBase();
      await loadString(kb, c.text, 'n3', 'case.n3');
      for (const s of c.sets) await loadRuleSet(kb, s);
      await loadRuleSet(kb, 'contradictions');
      const r = infer(kb);
      // sameAs substitution copies a clash onto every equal name: each copy is reported
      const reports = r.contradictions.map((x) => describeContradiction(kb, x));
      const rep = reports.find((x) => c.clash.every((side) => x.proofs.some((t) => t.triple.join(' ') === side)));
      assert.ok(rep, `no report with ${c.clash.join(' vs ')} among ${reports.map((x) => x.summary).join(' | ')}`);
      assert.equal(rep.kind, c.kind);
      for (const x of reports) for (const t of x.proofs) replayProof(kb, t);
      if (c.derived) assert.ok(rep.proofs.some((t) => t.rule), 'the derived side carries its derivation');
      for (const side of c.clash) assert.equal(kb.matchKeys(...(side.split(' ') as [string, string, string])).length, 1, 'both facts stay');
      assert.match(rep.summary, new RegExp(`^${c.kind}: `));
    });
  }

  it('a consistent knowledge base has none', async () => {
    const kb = new KnowledgeBase();
    await loadString(kb, P + ':Cat owl:disjointWith :Dog . :tom a :Cat . :rex a :Dog . :a owl:differentFrom :b .', 'n3');
    await loadRuleSet(kb, 'owl');
    await loadRuleSet(kb, 'contradictions');
    assert.deepEqual(infer(kb).contradictions, []);
  });
});
