import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { SymbolicEngine } from './engine.js';
import { loadKnowledge } from './knowledge/load.js';
import { wordnet } from './lexicon/index.js';

const knowledge = await loadKnowledge({});
const engine = new SymbolicEngine({ knowledge, wordnet: wordnet() });

function chat(content: string | string[], extra: Partial<GenerateRequest> = {}): GenerateRequest {
  const turns = Array.isArray(content) ? content : [content];
  const messages = turns.map((c, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: c }) as const);
  return { model: 'psycho-symbolic-v1', input: { kind: 'chat', messages: [...messages] }, n: 1, stop: [], sampling: {}, extra: {}, ...extra };
}

async function run(req: GenerateRequest): Promise<{ content: string; reasoning: string; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  for await (const ev of engine.generate(req, new AbortController().signal)) events.push(ev);
  const text = (t: EngineEvent['type']) => events.filter((e) => e.type === t).map((e) => (e as { text: string }).text).join('');
  return { content: text('content'), reasoning: text('reasoning'), events };
}

// question → phrases the answer must contain (and must not)
const cases: Array<{ q: string | string[]; has: RegExp[]; not?: RegExp[] }> = [
  { q: 'What are JWT security vulnerabilities?', has: [/JWT has 5 known vulnerabilities/, /algorithm confusion/, /rfc8725/] },
  { q: 'What are hidden complexities in API design?', has: [/versioning/, /idempotency/, /pagination/] },
  { q: 'What are edge cases in distributed systems?', has: [/network partitions/, /clock skew/, /split brain/] },
  { q: 'How to handle rate limiting?', has: [/token bucket/, /Retry-After/] },
  { q: 'What are microservice anti-patterns?', has: [/distributed monolith/, /shared database/] },
  { q: 'What is JWT?', has: [/token format/, /rfc7519/] },
  { q: 'Is JWT a token format?', has: [/^Yes/] },
  { q: 'Is JWT a protocol?', has: [/No fact or rule/] },
  { q: 'How many vulnerabilities does OAuth have?', has: [/^5\./] },
  { q: 'What is a violin?', has: [/bowed stringed instrument/, /WordNet/] },
  { q: 'Is a violin an instrument?', has: [/^Yes/, /musical instrument/] },
  { q: 'What is the capital of France?', has: [/I don't know/], not: [/Paris/] },
  { q: 'Compare JWT and OAuth', has: [/JWT/, /OAuth 2\.0/, /related to/] },
  { q: ['What is OAuth?', 'OAuth is a protocol.', 'and its vulnerabilities?'], has: [/OAuth 2\.0 has 5 known vulnerabilities/] },
  { q: ['Tell me about JWT', 'JWT is a token format.', 'What are its edge cases?'], has: [/clock skew/] },
  { q: '', has: [/I don't know/] },
  { q: 'ثلاثة أسئلة؟', has: [/I don't know/] },
  { q: 'x'.repeat(20_000), has: [/I don't know/] },
];

for (const c of cases) {
  test(`symbolic engine answers ${JSON.stringify(c.q).slice(0, 80)}`, async () => {
    const { content, reasoning } = await run(chat(c.q));
    for (const re of c.has) assert.match(content, re);
    for (const re of c.not ?? []) assert.doesNotMatch(content, re);
    assert.match(reasoning, /Question form:/);
  });
}

test('the reasoning trace shows linked entities, facts with sources and rules', async () => {
  const { reasoning, events } = await run(chat('What are JWT security vulnerabilities?'));
  assert.match(reasoning, /Linked: "JWT" → https:\/\/w3id\.org\/psr\/kb\/jwt/);
  assert.match(reasoning, /Facts used: 5/);
  assert.ok(events.some((e) => e.type === 'meta' && e.key === 'proof'));
  const finish = events.filter((e) => e.type === 'finish');
  assert.deepEqual(finish.map((e) => e.type === 'finish' && e.reason), ['stop']);
});

test('temperature 0 is canonical; temperature > 0 with a seed is reproducible and logprobs are real', async () => {
  const q = 'What are edge cases in distributed systems?';
  const a = await run(chat(q, { sampling: { temperature: 0 } }));
  const b = await run(chat(q, { sampling: { temperature: 0 } }));
  assert.equal(a.content, b.content);
  const s1 = await run(chat(q, { sampling: { temperature: 1.5, seed: 7 }, logprobs: { topLogprobs: 2 } }));
  const s2 = await run(chat(q, { sampling: { temperature: 1.5, seed: 7 }, logprobs: { topLogprobs: 2 } }));
  assert.equal(s1.content, s2.content);
  const lps = s1.events.flatMap((e) => (e.type === 'content' ? (e.logprobs ?? []) : []));
  assert.ok(lps.length > 10);
  assert.ok(lps.every((l) => l.logprob <= 0));
  assert.ok(lps.some((l) => l.logprob < 0), 'sampled sentence openings carry their probability');
  assert.ok(lps.filter((l) => l.logprob === 0).length > lps.length / 2, 'deterministic tokens have logprob 0');
  const seeds = new Set<string>();
  for (let seed = 0; seed < 12; seed++) seeds.add((await run(chat(q, { sampling: { temperature: 2, seed } }))).content);
  assert.ok(seeds.size > 1, 'different seeds sample different phrasings');
});

test('response_format json_object and json_schema give validated JSON built from the facts', async () => {
  const obj = JSON.parse((await run(chat('What are JWT security vulnerabilities?', { responseFormat: { type: 'json_object' } }))).content);
  assert.equal(obj.known, true);
  assert.equal(obj.facts.length, 5);
  assert.ok(obj.facts.every((f: { source: string }) => typeof f.source === 'string'));
  const schema = {
    type: 'object', required: ['answer', 'items', 'confidence'],
    properties: { answer: { type: 'string' }, items: { type: 'array', items: { type: 'string' } }, confidence: { type: 'number' } },
  };
  const filled = JSON.parse((await run(chat('What are JWT security vulnerabilities?', { responseFormat: { type: 'json_schema', schema } }))).content);
  assert.equal(filled.items.length, 5);
  assert.ok(filled.items.includes('algorithm confusion'));
  await assert.rejects(
    run(chat('What is JWT?', { responseFormat: { type: 'json_schema', schema: { type: 'object', required: ['zzz'], properties: { zzz: { type: 'integer' } } } } })),
    /does not fit the requested schema/,
  );
});

test('the reasoning cache counts hits for a repeated question and keeps different questions apart', async () => {
  const before = (await engine.health()).detail!.reasoningCache as { hits: number };
  const a = await run(chat('What are the risks of caching?'));
  const b = await run(chat('What are the risks of caching?'));
  const c = await run(chat('What are the risks of JWT?'));
  const after = (await engine.health()).detail!.reasoningCache as { hits: number };
  assert.equal(a.content, b.content);
  assert.notEqual(a.content, c.content);
  assert.equal(after.hits - before.hits, 1);
  assert.match(b.reasoning, /reasoning cache/);
});

test('max_tokens bounds the answer (not the trace) and finishes with "length"', async () => {
  const { content, events } = await run(chat('What are edge cases in distributed systems?', { maxTokens: 5 }));
  assert.ok(content.length > 0 && content.split(/\s+/).filter(Boolean).length <= 5, content);
  assert.deepEqual(events.filter((e) => e.type === 'finish').map((e) => e.type === 'finish' && e.reason), ['length']);
  const full = await run(chat('What is JWT?', { maxTokens: 4000 }));
  assert.deepEqual(full.events.filter((e) => e.type === 'finish').map((e) => e.type === 'finish' && e.reason), ['stop']);
});
