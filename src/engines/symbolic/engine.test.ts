import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { createSymbolicEngine } from './index.js';

// the default engine as `npm start` builds it: starter knowledge materialized with the RDFS and
// OWL-RL rule sets, WordNet and affect
const engine = await createSymbolicEngine({});

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
  { q: 'How many vulnerabilities does OAuth have?', has: [/^OAuth 2\.0 has 5 known vulnerabilities/] },
  { q: 'What is a violin?', has: [/bowed stringed instrument/, /WordNet/] },
  { q: 'Is a violin an instrument?', has: [/^Yes/, /musical instrument/] },
  { q: 'What is the capital of France?', has: [/I don't know/], not: [/Paris/] },
  { q: 'Compare JWT and OAuth', has: [/JWT/, /OAuth 2\.0/, /related to/] },
  { q: ['What is OAuth?', 'OAuth is a protocol.', 'and its vulnerabilities?'], has: [/OAuth 2\.0 has 5 known vulnerabilities/] },
  { q: ['Tell me about JWT', 'JWT is a token format.', 'What are its edge cases?'], has: [/clock skew/] },
  { q: '', has: [/I don't know/] },
  { q: 'ثلاثة أسئلة؟', has: [/I don't know/] },
  { q: 'x'.repeat(20_000), has: [/I don't know/] },
  // paraphrases of the seed questions: relation words reach the KB's relations through labels,
  // class ranges, head nouns and WordNet synonyms/hypernyms
  { q: 'What are the dangers of JWT?', has: [/JWT has 9 known risks/, /algorithm confusion/, /clock skew/] },
  { q: 'What are the weaknesses of JWT?', has: [/JWT has 5 known vulnerabilities/], not: [/10 known/, /key rotation/] },
  { q: 'What are the pitfalls of JWT?', has: [/JWT has 9 known risks/] },
  { q: 'What are the problems of JWT?', has: [/JWT has 9 known risks/] },
  { q: 'What are the threats to OAuth?', has: [/OAuth 2\.0 has 8 known risks/] },
  { q: 'What are the drawbacks of caching?', has: [/Caching has 5 known risks/, /stale reads/] },
  { q: 'JWT vulnerabilities?', has: [/JWT has 5 known vulnerabilities/] },
  { q: 'JWT vulnerabilites', has: [/JWT has 5 known vulnerabilities/] },
  { q: 'security issues with OAuth', has: [/OAuth 2\.0 has 5 known vulnerabilities/, /PKCE/, /rfc9700/] },
  { q: 'What can go wrong with caching?', has: [/Caching has 5 known risks/, /cache invalidation/] },
  { q: 'Which anti-patterns do microservices have?', has: [/Microservices have 4 known anti-patterns/, /distributed monolith/] },
  { q: 'how do I prevent cache stampedes?', has: [/request coalescing/] },
  { q: 'how should I handle clock skew?', has: [/matches 2 things/, /logical clocks/, /clock leeway/] },
  { q: 'what mitigates algorithm confusion?', has: [/One thing I know of mitigates algorithm confusion/, /pin the accepted algorithms/, /rfc8725/] },
  { q: 'What does PKCE mitigate?', has: [/PKCE mitigates 3 things/, /authorization code interception/] },
  { q: 'list all vulnerabilities', has: [/I know 13 vulnerabilities/, /algorithm confusion \(JWT\)/, /mass assignment \(API design\)/], not: [/clock skew/] },
  { q: 'how many vulnerabilities are there?', has: [/There are 13 vulnerabilities in my knowledge/], not: [/clock skew|stale reads/] },
  { q: 'how many edge cases do distributed systems have?', has: [/^Distributed systems have 6 known edge cases/] },
  { q: 'why is algorithm confusion a risk of JWT?', has: [/^Yes: algorithm confusion is a risk of JWT/, /Proof:/, /subPropertyOf|sub property/i, /rfc8725|security\.ttl/] },
  { q: 'Is weak HMAC secrets a vulnerability of OAuth?', has: [/Not as far as I know/] },
  { q: 'is OAuth related to JWT?', has: [/^Yes: OAuth 2\.0 is related to JWT/] },
  { q: 'compare caching and rate limiting', has: [/^Caching is/, /Rate limiting is/, /Both are techniques/, /5 risks/] },
  { q: 'what is PKCE?', has: [/^PKCE is a technique/, /It mitigates authorization code interception/, /rfc7636/] },
  { q: 'what is algorithm confusion?', has: [/^Algorithm confusion is a vulnerability/, /known risk of JWT/, /Mitigation: pin the accepted algorithms/] },
  { q: 'What is OAuth?', has: [/5 vulnerabilities, 1 edge case and 2 hidden complexities/] },
  { q: 'what is a kettle?', has: [/^A kettle is a pot/, /WordNet/] },
  { q: 'is a dog an animal?', has: [/^Yes: a dog is an animal/, /dog → .*animal/] },
  { q: 'is a violin a vehicle?', has: [/^No/, /violin → bowed stringed instrument/] },
  { q: 'what is Oauth', has: [/^OAuth 2\.0 is a protocol/] },
  { q: 'WHAT ARE THE EDGE CASES OF JWT???', has: [/JWT has 2 known edge cases/] },
  { q: '  what   are the hidden complexities of jwt  ', has: [/JWT has 2 known hidden complexities/] },
  { q: 'Please, what are the vulnerabilities of oauth2?!', has: [/OAuth 2\.0 has 5 known vulnerabilities/] },
  { q: `What are the risks of JWT? ${'Some padding words here. '.repeat(400)}`, has: [/I don't know|JWT/] },
  { q: 'Quels sont les risques de JWT ?', has: [/I don't know|JWT/] },
  { q: '什么是JWT？', has: [/I don't know|JWT/] },
  { q: '???', has: [/I don't know/] },
  { q: 'I am so frustrated, why is algorithm confusion a risk of JWT?', has: [/frustrating/, /Yes: algorithm confusion is a risk of JWT/], not: [/9 known risks/] },
  { q: 'I use JWT for sessions. What are the risks of OAuth? Thanks.', has: [/OAuth 2\.0 has 8 known risks/] },
  { q: 'What are the risks of blockchain?', has: [/I don't know/], not: [/has \d+ known/] },
  // multi-turn: "it", "its", "they" and follow-ups resolve to the entity (and question) under discussion
  { q: ['Tell me about OAuth', 'OAuth is a protocol.', 'what about its edge cases?'], has: [/OAuth 2\.0 has 1 known edge case/, /localhost ports/] },
  { q: ['Tell me about OAuth', 'OAuth is a protocol.', 'what about its edge cases?', '…', 'and JWT?'], has: [/JWT has 2 known edge cases/, /clock skew on exp and nbf/] },
  { q: ['Tell me about OAuth', 'OAuth is a protocol.', 'what about its edge cases?', '…', 'and JWT?', '…', 'why?'], has: [/JWT has 2 known edge cases/, /Why:/, /JWT — edge case → clock skew on exp and nbf/] },
  { q: ['What is JWT?', 'JWT is a token format.', 'is it a protocol?'], has: [/No fact or rule/, /JWT/] },
  { q: ['What are microservices?', 'An architecture.', 'what are their anti-patterns?'], has: [/Microservices have 4 known anti-patterns/] },
  { q: ['Is JWT a token format?', 'Yes.', 'why?'], has: [/Yes: JWT is a token format/, /Why:|stated directly/] },
];

for (const c of cases) {
  test(`symbolic engine answers ${JSON.stringify(c.q).slice(0, 80)}`, async () => {
    const { content, reasoning } = await run(chat(c.q));
    for (const re of c.has) assert.match(content, re);
    for (const re of c.not ?? []) assert.doesNotMatch(content, re);
    assert.match(reasoning, /Question form:/);
  });
}

test('the reasoning trace shows how a relation word was linked and what a follow-up resolved to', async () => {
  const { reasoning } = await run(chat('What are the weaknesses of JWT?'));
  assert.match(reasoning, /Relation: "weaknesses" → vulnerability \(https:\/\/w3id\.org\/psr#hasVulnerability/);
  const follow = await run(chat(['What are the edge cases of OAuth?', '…', 'and JWT?']));
  assert.match(follow.reasoning, /Follow-up: asks "What are the edge cases of OAuth" again, about JWT/);
  assert.match(follow.content, /JWT has 2 known edge cases/);
});

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
