// Question → answer cases over a test knowledge base written for them (fixtures/org.yaml):
// people, teams, services, dependencies, risks, a class hierarchy and rules — answered with
// inference (RDFS, OWL-RL, the file's own rules), per-user memory and a generated 100k-fact KB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { createSymbolicEngine, SymbolicEngine } from './index.js';
import { loadKnowledge } from './knowledge/load.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { affectForEngine } from './affect-adapter.js';
import { generateKb, generatedServices } from './fixtures/generate.js';

const ORG = fileURLToPath(new URL('./fixtures/org.yaml', import.meta.url));
const engine = await createSymbolicEngine({ kb: [ORG], starter: false });

function req(turns: string[], extra: Partial<GenerateRequest> = {}): GenerateRequest {
  const messages = turns.map((c, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: c }) as const);
  return { model: 'psycho-symbolic-v1', input: { kind: 'chat', messages: [...messages] }, n: 1, stop: [], sampling: {}, extra: {}, ...extra };
}

async function answer(e: SymbolicEngine, turns: string[], extra: Partial<GenerateRequest> = {}): Promise<string> {
  let out = '';
  for await (const ev of e.generate(req(turns, extra), new AbortController().signal) as AsyncIterable<EngineEvent>) {
    if (ev.type === 'content') out += ev.text;
  }
  return out;
}

const cases: Array<{ q: string[]; has: RegExp[]; not?: RegExp[] }> = [
  { q: ['Who is Alice?'], has: [/Alice is an engineer/] },
  { q: ['Is Alice a person?'], has: [/^Yes/, /rule/i] },
  { q: ['Is Alice an agent?'], has: [/^Yes/] },
  { q: ['Is Alice a manager?'], has: [/No fact or rule/] },
  { q: ["Who is Alice's manager?"], has: [/Carol/] },
  { q: ['Does the billing service depend on Postgres?'], has: [/^Yes/, /rule/i] },
  { q: ['Does the API gateway depend on Postgres?'], has: [/Not as far as I know/] },
  { q: ['What are the dependencies of the billing service?'], has: [/ledger service/, /API gateway/, /Postgres/] },
  { q: ['What are the risks of billing?'], has: [/double charging on retries/, /incident review 2024-03/] },
  { q: ['How many services are there?'], has: [/There are 4 services/] },
  { q: ['How many engineers are there?'], has: [/There are 2 engineer/] },
  { q: ['Why is Alice a person?'], has: [/Proof:/, /Alice — type → engineer/, /engineer — subClassOf → person|engineer — sub class of → person/i] },
  { q: ['Compare Alice and Bob'], has: [/Both are/] },
  { q: ['How do I get from home to the airport?'], has: [/2 steps/, /station/] },
  { q: ['How do I get from the airport to the harbour?'], has: [/3 steps/] },
  { q: ['How do I get from home to the moon?'], has: [/I don't know/] },
  { q: ['Tell me about Carol', 'Carol is a manager.', 'Who does she manage?'], has: [/I don't know|Alice|Bob/] },
  { q: ['Who is Alice?', 'Alice is an engineer.', 'and her manager?'], has: [/Carol/] },
  { q: ['What is the salary of Alice?'], has: [/I don't know/], not: [/\d{3}/] },
  // "what P X" asks for subjects; "what does X P" for objects; rule-made predicates link by IRI name
  { q: ['Who reports to Carol?'], has: [/2 things I know of report to Carol/, /Alice/, /Bob/] },
  { q: ['What depends on Postgres?'], has: [/depend on Postgres/, /ledger service/, /billing service/] },
  { q: ['What does the billing service depend on?'], has: [/Billing service depends on 3 things/, /Postgres/] },
  { q: ['Who does Carol manage?'], has: [/Carol manages 1 thing/, /Bob/], not: [/Alice/] },
  { q: ['Who manages Bob?'], has: [/Carol/] },
  { q: ['Is Alice a member of the payments team?'], has: [/^Yes: Alice is member of payments team/] },
  { q: ['Is Bob a member of the payments team?'], has: [/Not as far as I know/, /platform team/] },
  { q: ['How many people are there?'], has: [/There are 3 people/] },
  { q: ['What are the dangers of the billing service?'], has: [/double charging on retries/] },
  { q: ['billing risks'], has: [/double charging on retries/] },
  { q: ['Who is Alise?'], has: [/Alice is an engineer/] },
  { q: ['Who is Alice?', 'Alice is an engineer.', 'Is she a person?'], has: [/^Yes: Alice is a person/, /every engineer is a person/] },
  { q: ['Does the billing service depend on Postgres?', 'Yes.', 'why?'], has: [/^Yes/, /"depends on" is transitive/, /Why:/] },
  { q: ['What does the billing service depend on?', '…', 'and the ledger service?'], has: [/Ledger service depends on 1 thing/, /Postgres/] },
];

for (const c of cases) {
  test(`org KB: ${c.q[c.q.length - 1]}`, async () => {
    const text = await answer(engine, c.q);
    for (const re of c.has) assert.match(text, re);
    for (const re of c.not ?? []) assert.doesNotMatch(text, re);
  });
}

test('stated preferences rank answers for that user only', async () => {
  const withAffect = new SymbolicEngine({ knowledge: await loadKnowledge({}), affect: affectForEngine });
  const q = 'How to handle rate limiting?';
  const neutral = await answer(withAffect, [q], { user: 'u2' });
  await answer(withAffect, ['I really prefer sliding window counters, I hate token buckets.'], { user: 'u1' });
  const ranked = await answer(withAffect, [q], { user: 'u1' });
  const other = await answer(withAffect, [q], { user: 'u2' });
  assert.ok(ranked.indexOf('sliding window') < ranked.indexOf('token bucket'), ranked);
  assert.ok(neutral.indexOf('token bucket') < neutral.indexOf('sliding window'));
  assert.equal(other, neutral, "u1's preferences never reach u2's answers");
});

test('a frustrated user gets an acknowledgement before the facts', async () => {
  const withAffect = new SymbolicEngine({ knowledge: await loadKnowledge({}), affect: affectForEngine });
  const text = await answer(withAffect, ['This is so frustrating, nothing works! What are the risks of caching?']);
  assert.match(text, /^I can tell this has been frustrating/);
});

test('a generated 100k-fact knowledge base loads, infers and answers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psr-kb-'));
  const file = join(dir, 'generated.nt');
  writeFileSync(file, generateKb(100_000));
  try {
    const big = await createSymbolicEngine({ kb: [file], starter: false });
    const facts = ((await big.health()).detail!.knowledge as { asserted: number }).asserted;
    assert.ok(facts >= 100_000, `${facts} facts`);
    assert.match(await answer(big, ['What are the risks of service 4242?']), /risk number 242/);
    assert.match(await answer(big, ['Is service 17 a component?']), /^Yes/);
    assert.match(await answer(big, ['How many service types are there?']), new RegExp(`There are ${generatedServices(100_000)} service types`));
    // a typo among 16k similar names is found through the exactly spelled word, not a scan
    assert.match(await answer(big, ['What are the dangers of servce 4242?']), /risk number 242/);
    assert.match(await answer(big, ['service 4242 risks']), /risk number 242/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('embeddings: deterministic, sized by dimensions, and knowledge-aware ("JWT" meets "JSON Web Token")', async () => {
  const e = await createSymbolicEngine({});
  const signal = new AbortController().signal;
  const a = await e.embed({ model: 'psycho-symbolic-embed-v1', input: ['JWT signature checks', 'JSON Web Token signature checks', 'a violin concert'], extra: {} }, signal);
  const b = await e.embed({ model: 'psycho-symbolic-embed-v1', input: ['JWT signature checks'], dimensions: 256, extra: {} }, signal);
  assert.equal(a.vectors.length, 3);
  assert.equal(a.vectors[0].length, 1024);
  assert.equal(b.vectors[0].length, 256);
  const cos = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
  assert.ok(Math.abs(cos(a.vectors[0], a.vectors[0]) - 1) < 1e-9, 'unit length');
  assert.ok(cos(a.vectors[0], a.vectors[1]) > cos(a.vectors[0], a.vectors[2]) + 0.2);
  const again = await e.embed({ model: 'psycho-symbolic-embed-v1', input: ['JWT signature checks'], extra: {} }, signal);
  assert.deepEqual(again.vectors[0], a.vectors[0]);
  await assert.rejects(e.embed({ model: 'psycho-symbolic-embed-v1', input: ['x'], dimensions: 4096, extra: {} }, signal), /dimensions/);
});
