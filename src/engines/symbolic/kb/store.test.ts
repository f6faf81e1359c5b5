import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KnowledgeBase } from './index.js';

// deterministic pseudo-random facts over enough terms to force every array and hash to grow
function build(n: number): { kb: KnowledgeBase; triples: [number, number, number][] } {
  const kb = new KnowledgeBase();
  let seed = 7;
  const rnd = (k: number): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % k);
  const triples: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const s = kb.intern(`urn:s${rnd(n)}`), p = kb.intern(`urn:p${rnd(7)}`), o = kb.intern(`urn:o${rnd(n)}`);
    if (kb.add(s, p, o).added) triples.push([s, p, o]);
  }
  return { kb, triples };
}

describe('every access pattern returns exactly the matching facts', () => {
  const { kb, triples } = build(5000);
  const masks = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
  for (const mask of masks) {
    it(`pattern ${mask.map((m, j) => (m ? 'spo'[j] : '?')).join('')}`, () => {
      for (let k = 0; k < triples.length; k += 97) {
        const q = triples[k].map((v, j) => (mask[j] ? v : -1)) as [number, number, number];
        const expected = triples.filter((t) => t.every((v, j) => q[j] < 0 || q[j] === v)).map((t) => `${t}`).sort();
        const actual = kb.match(...q).map((f) => `${kb.facts.s[f]},${kb.facts.p[f]},${kb.facts.o[f]}`).sort();
        assert.deepEqual(actual, expected);
      }
    });
  }

  it('duplicates are not stored and keep the highest confidence', () => {
    const [s, p, o] = triples[0];
    assert.equal(kb.add(s, p, o, { confidence: 0.4 }).added, false);
    assert.equal(kb.fact(kb.match(s, p, o)[0]).confidence, 1);
    const fresh = new KnowledgeBase();
    fresh.addKeys('urn:a', 'urn:p', 'urn:b', { confidence: 0.3 });
    fresh.addKeys('urn:a', 'urn:p', 'urn:b', { confidence: 0.6 });
    assert.equal(fresh.size, 1);
    assert.equal(fresh.fact(0).confidence, 0.6);
  });
});
