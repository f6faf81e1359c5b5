import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../kb/index.js';
import { CASES } from './fixtures/cases.js';
import { keysOf, loadCase, replayProof } from './fixtures/harness.js';
import { infer } from './index.js';

describe('forward chaining', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const kb = await loadCase(c);
      const before = kb.size;
      const r = infer(kb);
      assert.equal(r.derived, kb.size - before);
      for (const t of c.expect) assert.ok(kb.has(...keysOf(kb, t)), `expected ${t}`);
      for (const t of c.absent ?? []) assert.ok(!kb.has(...keysOf(kb, t)), `did not expect ${t}`);
      for (const [t, conf] of c.confidence ?? []) {
        const [f] = kb.matchKeys(...keysOf(kb, t));
        assert.ok(Math.abs(kb.fact(f).confidence - conf) < 1e-9, `confidence of ${t}: ${kb.fact(f).confidence} ≠ ${conf}`);
      }
      for (let f = before; f < kb.size; f++) {
        assert.equal(kb.fact(f).source, `rule:${kb.fact(f).rule}`);
        replayProof(kb, explain(kb, f, { maxDepth: 10_000, maxNodes: 1e6 }));
      }
      assert.equal(infer(kb).derived, 0, 'a second run finds nothing new');
    });
  }
});
