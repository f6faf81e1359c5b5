import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KbLoadError, KnowledgeBase, loadFile, loadString, type KbFormat } from './index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const ZOO = 'http://example.org/zoo#';

describe('loading', () => {
  it('loads Turtle with labels indexed by normalized name', async () => {
    const kb = new KnowledgeBase();
    const r = await loadFile(kb, fixture('animals.ttl'));
    assert.equal(r.format, 'turtle');
    assert.equal(r.added, kb.size);
    assert.deepEqual(kb.lookupName('  HOUND! ').map((id) => kb.key(id)), [ZOO + 'Dog']);
    assert.deepEqual(kb.lookupName('canis familiaris').map((id) => kb.key(id)), [ZOO + 'Dog']);
    assert.deepEqual(kb.lookupName('grey-wolf').map((id) => kb.key(id)), [ZOO + 'Grey_Wolf'], 'local-name fallback');
    assert.deepEqual(kb.labelsOf(kb.id(ZOO + 'Dog')).sort(), ['Canis familiaris', 'Dog', 'hound']);
  });

  it('loads the YAML form: entities, facts with confidence, rules', async () => {
    const kb = new KnowledgeBase();
    const r = await loadFile(kb, fixture('animals.yaml'));
    assert.equal(r.rules, 1);
    assert.equal(kb.rules[0].id, 'birds-fly');
    assert.equal(kb.rules[0].confidence, 0.8);
    const age = kb.fact(kb.matchKeys(ZOO + 'tweety', ZOO + 'age')[0]);
    assert.equal(age.confidence, 0.5);
    assert.equal(age.o, '"3"^^http://www.w3.org/2001/XMLSchema#integer');
    assert.equal(kb.fact(kb.matchKeys(ZOO + 'tweety', null, ZOO + 'Bird')[0]).confidence, 0.9);
    assert.deepEqual(kb.lookupName('the canary').map((id) => kb.key(id)), [ZOO + 'tweety']);
  });

  it('reads N3 rules, including constraints (=> false) and existentials', async () => {
    const kb = new KnowledgeBase();
    await loadString(kb, `@prefix : <urn:t:> .
      { ?x :p ?y . ?y :p ?z } => { ?x :q ?z } .
      { ?x a :Person } => { ?x :hasParent _:someone } .
      { ?x :p ?x } => false .
      :a :p :b .`, 'n3', 'mem.n3');
    assert.equal(kb.rules.length, 3);
    assert.deepEqual(kb.rules.map((r) => r.premises.length / 3), [2, 1, 1]);
    assert.equal(kb.rules[1].vars.length, 2, 'one premise variable and one existential');
    assert.equal(kb.rules[2].constraint, true);
    assert.equal(kb.size, 1);
  });

  it('loads N-Triples', async () => {
    const kb = new KnowledgeBase();
    await loadString(kb, '<urn:a> <urn:p> "x"@en .\n<urn:a> <urn:p> _:b1 .\n', 'ntriples');
    assert.equal(kb.size, 2);
    assert.equal(kb.has('urn:a', 'urn:p', '"x"@en'), true);
  });
});

describe('load errors carry file, line and column and leave the store unchanged', () => {
  const cases: { name: string; format: KbFormat; text: string; line: number; column?: number }[] = [
    { name: 'turtle missing dot', format: 'turtle', text: '@prefix : <urn:t:> .\n:a :p :b .\n:c :p :d\n:e :p :f .', line: 4, column: 1 },
    { name: 'turtle undefined prefix', format: 'turtle', text: '<urn:a> <urn:p> <urn:b> .\n\n  x:a <urn:p> <urn:b> .', line: 3, column: 3 },
    { name: 'ntriples bad term', format: 'ntriples', text: '<urn:a> <urn:p> <urn:b> .\n<urn:a> <urn:p> nope .', line: 2 },
    { name: 'n3 unclosed formula', format: 'n3', text: '@prefix : <urn:t:> .\n:a :p :b .\n{ ?x :p ?y => { ?y :q ?x } .', line: 3 },
    { name: 'json syntax', format: 'json', text: '{\n  "facts": [\n    ["a", "p", "b"],,\n  ]\n}', line: 3 },
    { name: 'json bad fact', format: 'json', text: '{\n  "facts": [\n    ["a", "p", "b"],\n    ["a", "p"]\n  ]\n}', line: 4, column: 5 },
    { name: 'yaml syntax', format: 'yaml', text: 'facts:\n  - [a, p, b]\n  - [a, p: b]]\n', line: 3 },
    { name: 'yaml unknown prefix', format: 'yaml', text: 'facts:\n  - [a, p, b]\n  - [a, p, zz:b]\n', line: 3, column: 5 },
    { name: 'yaml bad confidence', format: 'yaml', text: 'facts:\n  - [a, p, b]\n  - [a, p, c, 7]\n', line: 3, column: 15 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const kb = new KnowledgeBase();
      await loadString(kb, '<urn:keep> <urn:p> <urn:x> .', 'ntriples', 'base.nt');
      const [size, terms, rules] = [kb.size, kb.terms.size, kb.rules.length];
      const err = await loadString(kb, c.text, c.format, `bad.${c.format}`).then(() => null, (e: unknown) => e);
      assert.ok(err instanceof KbLoadError, `expected a KbLoadError, got ${String(err)}`);
      assert.equal(err.file, `bad.${c.format}`);
      assert.equal(err.line, c.line, err.message);
      if (c.column !== undefined) assert.equal(err.column, c.column, err.message);
      assert.match(err.message, new RegExp(`^bad\\.${c.format}:${c.line}:\\d+: `));
      assert.deepEqual([kb.size, kb.terms.size, kb.rules.length], [size, terms, rules]);
      assert.equal(kb.has('urn:a', 'urn:p', 'urn:b'), false);
    });
  }

  it('a missing file is a load error', async () => {
    const err = await loadFile(new KnowledgeBase(), '/nonexistent/x.ttl').catch((e: unknown) => e);
    assert.ok(err instanceof KbLoadError);
    assert.match(err.message, /ENOENT/);
  });
});
