/**
 * Fuzzing the knowledge-file loader behind `psr kb check` and `psr serve --kb`: real files
 * (shipped knowledge, rule sets, fixtures) mutated at random, random structured JSON/YAML
 * documents and random bytes. Each load either succeeds or rejects with a KbLoadError that
 * names file:line:col, and commits nothing; a few are run through the real CLI, which exits 0
 * or 1 and never prints a stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { KbLoadError, KnowledgeBase, loadString, type KbFormat } from '../src/engines/symbolic/kb/index.js';
import { dataPath, ROOT } from '../src/core/paths.js';

// FUZZ_SEED replays a reported run; FUZZ_NO_SHRINK reports the first failure as found (a hang shrinks slowly)
fc.configureGlobal({ includeErrorInReport: true, endOnFailure: process.env.FUZZ_NO_SHRINK === '1', ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) });
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const EXT: Record<KbFormat, string> = { turtle: 'ttl', ntriples: 'nt', n3: 'n3', json: 'json', yaml: 'yaml' } as Record<KbFormat, string>;
const FORMATS = Object.keys(EXT) as KbFormat[];

function seeds(): Array<{ text: string; format: KbFormat }> {
  const files = [
    ...readdirSync(dataPath('kb', 'starter')).map((f) => dataPath('kb', 'starter', f)),
    ...readdirSync(dataPath('rules')).map((f) => dataPath('rules', f)),
    ...readdirSync(join(ROOT, 'src/engines/symbolic/kb/fixtures')).map((f) => join(ROOT, 'src/engines/symbolic/kb/fixtures', f)),
  ];
  const byExt = Object.fromEntries(Object.entries(EXT).map(([f, e]) => [e, f as KbFormat]));
  const out = files.map((f) => ({ text: readFileSync(f, 'utf8').slice(0, 6000), format: byExt[f.split('.').pop()!] ?? ('turtle' as KbFormat) }));
  out.push({ text: '<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> "x"@en .\n_:b1 <urn:p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n', format: 'ntriples' });
  out.push({ text: JSON.stringify({ prefixes: { z: 'urn:z#' }, facts: [['z:a', 'subClassOf', 'z:b'], { s: 'z:x', p: 'z:age', o: 3 }], rules: [{ id: 'r', if: [['?x', 'a', 'z:a']], then: [['?x', 'a', 'z:b']] }] }), format: 'json' });
  return out;
}

const TOKENS = ['@prefix', '@base', 'PREFIX', '{', '}', '=>', '<=', '<', '>', '"', '"""', "'''", '.', ';', ',', '[', ']', '(', ')', '^^', '@en', '_:b', '?x', ':', 'a', '\\u', '\\U0010FFFF', '\n', '\r\n', '\ud800', '\u0000', '\ufeff', '#', 'true', '1e999', '-', '---', '- [', ': |', '&a', '*a', '!!binary', '%YAML', '{"', '":', 'null', '[[[[[['];

/** One edit to a text: insert a token, delete a slice, duplicate a slice, truncate. */
const edit = fc.record({ kind: fc.constantFrom('insert', 'delete', 'dup', 'truncate', 'repeat'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.integer({ min: 1, max: 80 }), token: fc.constantFrom(...TOKENS) });

type Edit = { kind: string; at: number; len: number; token: string };

function applyEdits(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const i = Math.floor(e.at * t.length);
    if (e.kind === 'insert') t = t.slice(0, i) + e.token + t.slice(i);
    else if (e.kind === 'delete') t = t.slice(0, i) + t.slice(i + e.len);
    else if (e.kind === 'dup') t = t.slice(0, i + e.len) + t.slice(i, i + e.len) + t.slice(i);
    else if (e.kind === 'repeat') t = t.slice(0, i) + e.token.repeat(e.len * 20) + t.slice(i);
    else t = t.slice(0, i);
  }
  return t;
}

/** Load `text`; assert success, or a KbLoadError naming file:line:col that committed nothing. */
async function checkLoad(text: string, format: KbFormat): Promise<void> {
  const kb = new KnowledgeBase();
  const name = `fuzz.${EXT[format]}`;
  try {
    const r = await loadString(kb, text, format, name);
    assert.ok(r.facts >= 0 && r.rules >= 0);
  } catch (e) {
    assert.ok(e instanceof KbLoadError, `not a KbLoadError for ${format} input ${JSON.stringify(text.slice(0, 300))}: ${(e as Error).stack}`);
    assert.match(e.message, /^fuzz\.\w+:\d+:\d+: \S/);
    assert.ok(e.line <= text.split(/\r\n|\r|\n/).length + 1, `line ${e.line} past the end: ${e.message}`);
    assert.equal(kb.size, 0, 'a failed load committed facts');
  }
}

const SEEDS = seeds();

test('mutated real knowledge files load or fail with file:line:col (in the right and wrong formats)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat(SEEDS.length - 1), fc.array(edit, { minLength: 1, maxLength: 5 }), fc.option(fc.constantFrom(...FORMATS), { freq: 4 }), async (i, edits, other) => {
      const seed = SEEDS[i]!;
      await checkLoad(applyEdits(seed.text, edits), other ?? seed.format);
    }),
    { numRuns: runs(600) },
  );
});

test('random structured JSON/YAML knowledge documents', async () => {
  const key = fc.constantFrom('prefixes', 'entities', 'facts', 'rules', 'confidence', 'label', 'labels', 'type', 'if', 'then', 'id', 's', 'p', 'o', 'z:eats');
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('?x', 'z:a', 'a', 'subClassOf', '', 'urn:x', 1e308, -1, 2, [['?x', 'a', 'z:b']], [['?x']], { s: 'z:a' }));
  const doc = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 4 }), fc.array(fc.oneof(value, fc.array(value, { maxLength: 4 })), { maxLength: 5 })), { maxKeys: 5 });
  const yamlText = async (v: unknown) => (await import('yaml')).stringify(v);
  await fc.assert(
    fc.asyncProperty(doc, fc.boolean(), async (d, asYaml) => {
      await checkLoad(asYaml ? await yamlText(d) : JSON.stringify(d), asYaml ? 'yaml' : 'json');
    }),
    { numRuns: runs(400) },
  );
});

test('random text in every format', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(' '))), fc.constantFrom(...FORMATS), async (text, format) => {
      await checkLoad(text, format);
    }),
    { numRuns: runs(500) },
  );
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'kb', 'check', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('psr kb check on mutated files (raw bytes too): exit 0 or 1, file:line:col, no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psr-kb-fuzz-'));
  const files = fc.sample(fc.tuple(fc.nat(SEEDS.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.uint8Array({ maxLength: 6 })), { numRuns: 12, seed: 42 }).map(([i, edits, bytes], n) => {
    const seed = SEEDS[i]!;
    const text = Buffer.concat([Buffer.from(applyEdits(seed.text, edits)), Buffer.from(bytes)]);
    const file = join(dir, `f${n}.${EXT[seed.format]}`);
    writeFileSync(file, text);
    return file;
  });
  // one run over all the files (each reported), then a few one by one
  for (const args of [files, [files[0]!]]) {
    const r = await cli(args);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'a stack trace');
    // an error starts with file:line:col; parsers may add a code frame on the following lines
    const errors = r.stderr.split('\n').filter((l) => /^\/.+\.\w+:\d+:\d+: \S/.test(l)).length;
    const oks = r.stdout.split('\n').filter((l) => l.startsWith('ok ')).length;
    assert.equal(oks + errors, args.length, `every file reported once:\n${r.stdout}\n${r.stderr}`);
    assert.equal(r.code, errors > 0 ? 1 : 0);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('regression: an empty RDF file is 0 facts, and the files after it are still checked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psr-kb-empty-'));
  const names = ['empty.ttl', 'empty.nt', 'empty.n3', 'ok.ttl'].map((n) => join(dir, n));
  for (const n of names) writeFileSync(n, n.endsWith('ok.ttl') ? '<urn:a> <urn:b> <urn:c> .\n' : '');
  const r = await cli(names);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n').filter((l) => /^ok .+: 0 facts/.test(l)).length, 3, r.stdout);
  assert.match(r.stdout, /ok \S+ok\.ttl: 1 facts/);
  rmSync(dir, { recursive: true, force: true });
});
