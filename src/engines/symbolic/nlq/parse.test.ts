import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuestion } from './parse.js';
import type { Query } from './query.js';

const cases: Array<[string, Partial<Query>]> = [
  ['What are JWT security vulnerabilities?', { form: 'list', relation: 'JWT security vulnerabilities' }],
  ['What are hidden complexities in API design?', { form: 'list', relation: 'hidden complexities', subject: 'API design' }],
  ['What are edge cases in distributed systems?', { form: 'list', relation: 'edge cases', subject: 'distributed systems' }],
  ['How to handle rate limiting?', { form: 'how', verb: 'handle', subject: 'rate limiting' }],
  ['What are microservice anti-patterns?', { form: 'list', relation: 'microservice anti-patterns' }],
  ['What is a violin?', { form: 'define', subject: 'violin' }],
  ['Is a violin an instrument?', { form: 'isa', subject: 'violin', object: 'instrument' }],
  ['Is JWT not a protocol?', { form: 'isa', subject: 'JWT', object: 'protocol', negated: true }],
  ["What is the manager of Alice?", { form: 'attribute', relation: 'manager', subject: 'Alice' }],
  ["Who is Alice's manager?", { form: 'attribute', subject: 'Alice', relation: 'manager' }],
  ['Does the billing service depend on Postgres?', { form: 'check', subject: 'billing service', relation: 'depend on', object: 'Postgres' }],
  ['List the risks of caching', { form: 'list', relation: 'risks', subject: 'caching' }],
  ['How many vulnerabilities does JWT have?', { form: 'count', relation: 'vulnerabilities', subject: 'JWT' }],
  ['How many services are there?', { form: 'count', relation: 'services' }],
  ['Why is Rex an animal?', { form: 'why', subject: 'Rex', object: 'animal' }],
  ['why?', { form: 'why' }],
  ['Compare JWT and OAuth', { form: 'compare', subject: 'JWT', object: 'OAuth' }],
  ['What is the difference between caching and rate limiting?', { form: 'compare', subject: 'caching', object: 'rate limiting' }],
  ['JWT vs OAuth 2.0', { form: 'compare', subject: 'JWT', object: 'OAuth 2.0' }],
  ['How do I get from home to the airport?', { form: 'route', subject: 'home', object: 'airport' }],
  ['and its risks?', { form: 'list', relation: 'risks', needsContext: true }],
  ['What are its edge cases?', { form: 'list', relation: 'edge cases', needsContext: true }],
  ['What is it?', { form: 'define', needsContext: true }],
  ['what about OAuth?', { form: 'define', subject: 'OAuth' }],
  ['Which anti-patterns do microservices have?', { form: 'list', relation: 'anti-patterns', subject: 'microservices' }],
  ['What can go wrong with caching?', { form: 'list', relation: 'risks', subject: 'caching' }],
  ['what mitigates algorithm confusion?', { form: 'agent', relation: 'mitigates', object: 'algorithm confusion' }],
  ['Who reports to Carol?', { form: 'agent', relation: 'reports to', object: 'Carol' }],
  ['What does PKCE mitigate?', { form: 'list', subject: 'PKCE', relation: 'mitigate' }],
  ['Who does Carol manage?', { form: 'list', subject: 'Carol', relation: 'manage' }],
  ['is OAuth related to JWT?', { form: 'check', subject: 'OAuth', relation: 'related to', object: 'JWT' }],
  ['why is algorithm confusion a risk of JWT?', { form: 'why', subject: 'algorithm confusion', object: 'risk of JWT' }],
  ['I am so frustrated, why is JWT a standard?', { form: 'why', subject: 'JWT', object: 'standard' }],
  ['I use JWT. What are the risks of OAuth? Thanks.', { form: 'list', relation: 'risks', subject: 'OAuth' }],
  ['Please, tell me about microservices.', { form: 'define', subject: 'microservices' }],
  ['', { form: 'unknown' }],
  ['🤔🤔', { form: 'unknown' }],
  ['Quelle est la capitale de la France ?', { form: 'unknown' }],
];

for (const [question, expected] of cases) {
  test(`parseQuestion: ${JSON.stringify(question)}`, () => {
    const q = parseQuestion(question);
    for (const [k, v] of Object.entries(expected)) {
      assert.deepEqual(q[k as keyof Query], v, `${k} of ${JSON.stringify(q)}`);
    }
  });
}

test('parseQuestion never throws on hostile input', () => {
  for (const s of ['\u0000', 'a'.repeat(100_000), '\ud800', '?'.repeat(50), 'is is is a a a', 'what are', 'how to']) {
    assert.doesNotThrow(() => parseQuestion(s));
  }
  assert.doesNotThrow(() => parseQuestion(undefined as unknown as string));
});
