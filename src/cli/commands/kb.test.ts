import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'psr-kb-'));
const zoo = join(dir, 'zoo.ttl');
writeFileSync(zoo, '@prefix : <urn:z:> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .\n' +
  ':Dog rdfs:subClassOf :Animal . :rex a :Dog . :Cat owl:disjointWith :Dog . :rex a :Cat .\n');
const rules = join(dir, 'pets.n3');
writeFileSync(rules, '@prefix : <urn:z:> .\n{ ?x a :Animal } => { ?x :needs :food } .\n');
const bad = join(dir, 'bad.ttl');
writeFileSync(bad, '@prefix : <urn:z:> .\n:a :b :c .\n:a :b\n');

function psr(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, 'kb', ...args], (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('psr kb', () => {
  it('check: counts for good files, file:line:col and exit 1 for bad ones', async () => {
    const ok = await psr('check', zoo, rules);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /zoo\.ttl: 4 facts, 0 rules/);
    assert.match(ok.stdout, /pets\.n3: 0 facts, 1 rules/);
    const r = await psr('check', bad, zoo);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.ttl:4:1: /);
  });

  it('infer: exactly the file rules plus named sets, contradictions, --out N-Triples', async () => {
    const out = join(dir, 'all.nt');
    const r = await psr('infer', zoo, rules, '--rules', 'rdfs', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout);
    assert.equal(res.input.facts, 4);
    const derived = res.derived.map((d: { s: string; p: string; o: string }) => `${d.s} ${d.p} ${d.o}`);
    assert.ok(derived.includes('urn:z:rex http://www.w3.org/1999/02/22-rdf-syntax-ns#type urn:z:Animal'));
    assert.ok(derived.includes('urn:z:rex urn:z:needs urn:z:food'));
    assert.equal(res.derivedCount, derived.length);
    assert.equal(res.contradictions.length, 1);
    assert.equal(res.contradictions[0].kind, 'disjointWith');
    assert.equal(res.contradictions[0].proofs.length, 3);
    assert.equal(typeof res.timing.inferMs, 'number');
    assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 4 + derived.length);
    const without = JSON.parse((await psr('infer', zoo, rules, '--stats')).stdout);
    assert.equal(without.derivedCount, 0, 'no rdfs rules unless named: the file rule needs :Animal');
  });

  it('infer: a bound hit is a clear error', async () => {
    const r = await psr('infer', zoo, rules, '--rules', 'rdfs', '--max-facts', '1');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /maxFacts=1 exceeded/);
  });

  it('prove: bindings with proof trees, JSON or text; exit 1 when nothing is proven', async () => {
    const r = await psr('prove', '?x :needs :food', zoo, rules, '--rules', 'rdfs', '--json');
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout);
    assert.deepEqual(res.answers.map((a: { bindings: { x: string } }) => a.bindings.x), ['urn:z:rex']);
    assert.equal(res.answers[0].proofs[0].rule, 'pets.n3#1');
    const text = await psr('prove', '?x a :Animal', zoo, '--rules', 'rdfs');
    assert.match(text.stdout, /\?x = :rex/);
    assert.match(text.stdout, /by rdfs\.n3#2/);
    const none = await psr('prove', '?x a :Plant', zoo);
    assert.equal(none.code, 1);
  });
});
