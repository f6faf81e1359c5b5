/**
 * The llama engine on a real GGUF file written by the project's own script: chat streaming and
 * accumulated, max_tokens, stop, seeds, JSON schema by grammar, forced tool calls, logprobs,
 * logit_bias, text completion and n > 1 — all through node-llama-cpp, nothing mocked.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { EngineEvent, GenerateRequest } from '../src/core/types.js';
import { LlamaEngine } from '../src/engines/llama/index.js';

const dir = mkdtempSync(join(tmpdir(), 'psr-llama-'));
const file = join(dir, 'tiny.gguf');
let engine: LlamaEngine;

function chat(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model: 'tiny', input: { kind: 'chat', messages: [{ role: 'user', content: 'hello, tell me about the sun' }] }, n: 1, stop: [], sampling: { temperature: 0 }, maxTokens: 16, extra: {}, ...over };
}

async function collect(req: GenerateRequest): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for await (const e of engine.generate(req, new AbortController().signal)) events.push(e);
  return events;
}

function textOf(events: EngineEvent[], choice = 0): string {
  return events.map((e) => (e.type === 'content' && e.choice === choice ? e.text : '')).join('');
}

function finishOf(events: EngineEvent[], choice = 0): string | undefined {
  const f = events.find((e) => e.type === 'finish' && e.choice === choice);
  return f?.type === 'finish' ? f.reason : undefined;
}

function usageOf(events: EngineEvent[]): { promptTokens: number; completionTokens: number } {
  const u = events.find((e) => e.type === 'usage');
  assert.ok(u?.type === 'usage', 'a usage event is emitted');
  return u;
}

before(() => {
  execFileSync(process.execPath, ['scripts/make-tiny-gguf.mjs', file]);
  engine = new LlamaEngine({ models: [{ id: 'tiny', path: file }], parallel: 2, queueSize: 4 });
});
after(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('llama engine generation', () => {
  it('lists the model and reports healthy after loading', async () => {
    assert.deepEqual(engine.models().map((m) => m.id), ['tiny']);
    assert.deepEqual(await engine.preload(), [{ id: 'tiny' }]);
    assert.equal((await engine.health()).ok, true);
  });

  it('streams a chat answer token by token, then finish, then usage', async () => {
    const events = await collect(chat());
    const contents = events.filter((e) => e.type === 'content');
    assert.ok(contents.length > 1, 'several content events');
    assert.deepEqual(events.slice(-2).map((e) => e.type), ['finish', 'usage']);
    assert.ok(textOf(events).trim().length > 0);
  });

  for (const maxTokens of [1, 5, 23]) {
    it(`max_tokens ${maxTokens} ends with finish length after exactly that many tokens`, async () => {
      const events = await collect(chat({ maxTokens }));
      assert.equal(finishOf(events), 'length');
      assert.equal(usageOf(events).completionTokens, maxTokens);
    });
  }

  it('stops right before a stop sequence and says finish stop', async () => {
    const full = textOf(await collect(chat({ maxTokens: 24 })));
    const stop = full.slice(Math.floor(full.length / 2), Math.floor(full.length / 2) + 3);
    const events = await collect(chat({ maxTokens: 24, stop: [stop] }));
    assert.equal(textOf(events), full.slice(0, full.indexOf(stop)));
    assert.equal(finishOf(events), 'stop');
  });

  const seeds: Array<[string, GenerateRequest['sampling'], GenerateRequest['sampling'], boolean]> = [
    ['the same seed gives the same text', { temperature: 1, seed: 42 }, { temperature: 1, seed: 42 }, true],
    ['temperature 0 is deterministic', { temperature: 0 }, { temperature: 0, seed: 9 }, true],
    ['another seed gives another text', { temperature: 1.5, seed: 42 }, { temperature: 1.5, seed: 43 }, false],
  ];
  for (const [name, a, b, same] of seeds) {
    it(name, async () => {
      const ta = textOf(await collect(chat({ sampling: a, maxTokens: 20 })));
      const tb = textOf(await collect(chat({ sampling: b, maxTokens: 20 })));
      assert.equal(ta === tb, same, `${JSON.stringify(ta)} vs ${JSON.stringify(tb)}`);
    });
  }

  it('enforces a JSON schema by grammar: the output parses and validates', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' }, color: { enum: ['red', 'green', 'blue'] } }, required: ['ok', 'color'], additionalProperties: false };
    for (const seed of [1, 2, 3]) {
      const events = await collect(chat({ maxTokens: 80, sampling: { temperature: 1, seed }, responseFormat: { type: 'json_schema', schema } }));
      const value: unknown = JSON.parse(textOf(events));
      assert.ok(new Ajv().validate(schema, value), JSON.stringify(value));
      assert.equal(finishOf(events), 'stop');
    }
  });

  it('json_object output parses as JSON', async () => {
    const events = await collect(chat({ maxTokens: 120, responseFormat: { type: 'json_object' }, sampling: { temperature: 0.7, seed: 4, topK: 5 } }));
    if (finishOf(events) === 'stop') assert.doesNotThrow(() => JSON.parse(textOf(events)));
    else assert.equal(finishOf(events), 'length');
  });

  it('forces a tool call by grammar when tool_choice names a function', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { enum: ['paris', 'rome'] } }, required: ['city'] } } }];
    const events = await collect(chat({ maxTokens: 120, tools, toolChoice: { type: 'function', function: { name: 'get_weather' } } }));
    const call = events.find((e) => e.type === 'tool_call');
    assert.ok(call?.type === 'tool_call');
    assert.equal(call.name, 'get_weather');
    assert.ok(['paris', 'rome'].includes((JSON.parse(call.argumentsDelta) as { city: string }).city));
    assert.equal(finishOf(events), 'tool_calls');
  });

  it('returns log probabilities with top alternatives', async () => {
    const events = await collect(chat({ maxTokens: 6, sampling: { temperature: 1, seed: 3 }, logprobs: { topLogprobs: 3 } }));
    const lps = events.flatMap((e) => (e.type === 'content' ? e.logprobs ?? [] : []));
    assert.equal(lps.length, 6);
    for (const lp of lps) {
      assert.ok(lp.logprob <= 0);
      assert.ok(lp.topLogprobs.length >= 1 && lp.topLogprobs.length <= 3);
    }
  });

  it('logit_bias -100 bans the token greedy decoding would pick first', async () => {
    const first = (await collect(chat({ maxTokens: 1, logprobs: { topLogprobs: 1 } }))).find((e) => e.type === 'content');
    assert.ok(first?.type === 'content' && first.logprobs?.length);
    const banned = engineTokenId(first.logprobs[0].token);
    const events = await collect(chat({ maxTokens: 1, sampling: { temperature: 0, logitBias: { [banned]: -100 } } }));
    assert.notEqual(textOf(events).trim(), first.text.trim());
  });

  it('completes a raw text prompt and runs n choices', async () => {
    const events = await collect({ ...chat({ n: 2, maxTokens: 4, sampling: { temperature: 1, seed: 7 } }), input: { kind: 'text', prompt: 'the cat and the dog' } });
    assert.equal(finishOf(events, 0), 'length');
    assert.equal(finishOf(events, 1), 'length');
    assert.equal(usageOf(events).completionTokens, 8);
    assert.ok(usageOf(events).promptTokens >= 5);
  });

  it("renders chat with the model's own Jinja template (its default system turn), not a look-alike wrapper", async () => {
    const jinja = usageOf(await collect(chat({ maxTokens: 1 }))).promptTokens;
    const other = new LlamaEngine({ models: [{ id: 'tiny', path: file }], chatTemplate: 'auto', parallel: 1 });
    try {
      const events: EngineEvent[] = [];
      for await (const e of other.generate(chat({ maxTokens: 1 }), new AbortController().signal)) events.push(e);
      // the template adds "<|im_start|>system\nYou are a tiny test model.<|im_end|>\n"; plain ChatML does not
      assert.ok(jinja > usageOf(events).promptTokens + 10, `${jinja} vs ${usageOf(events).promptTokens}`);
    } finally {
      await other.close();
    }
  });

  it('an unknown model is model_not_found (404)', async () => {
    await assert.rejects(collect(chat({ model: 'nope' })), { code: 'model_not_found', status: 404 });
  });
});

// The tiny vocabulary is known: piece text → id through the GGUF metadata the engine reads.
function engineTokenId(piece: string): number {
  const tokens = readTokens();
  const id = tokens.indexOf(piece) >= 0 ? tokens.indexOf(piece) : tokens.indexOf(`\u2581${piece.trimStart()}`);
  assert.ok(id >= 0, `token ${piece} is in the vocabulary`);
  return id;
}

function readTokens(): string[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import { buildTinyVocab } from './scripts/gguf/tiny-vocab.mjs'; console.log(JSON.stringify(buildTinyVocab().tokens));`]);
  return JSON.parse(out.toString()) as string[];
}
