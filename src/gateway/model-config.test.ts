import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitReasoning } from '../pipeline/reasoning/registry.js';
import type { EngineEvent } from '../core/types.js';
import { pipe } from '../pipeline/stage.js';
import { effortFields, historyMessage, matchesModel, modelReasoningStages, reasoningStagesFor, resolveModelConfig, type ModelConfigEntry } from './model-config.js';

/** Real model ids as people serve them (HF ids, Ollama tags, API names) → the parser setup they need. */
const FAMILIES: Array<[string, string, boolean?]> = [
  ['deepseek-ai/DeepSeek-R1', 'think_tags', true],
  ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'think_tags', true],
  ['deepseek-r1:14b', 'think_tags', true],
  ['deepseek-reasoner', 'field'],
  ['Qwen/QwQ-32B', 'think_tags', true],
  ['Qwen/Qwen3-8B', 'think_tags', undefined],
  ['Qwen/Qwen3-30B-A3B-Thinking-2507', 'think_tags', true],
  ['openai/gpt-oss-20b', 'field'],
  ['gpt-oss:120b', 'field'],
  ['mistralai/Magistral-Small-2509', 'think_tags'],
  ['microsoft/Phi-4-reasoning-plus', 'think_tags'],
  ['o3-mini', 'field'],
  ['claude-sonnet-4-5', 'field'],
  ['meta-llama/Llama-3.1-8B-Instruct', 'auto'],
  ['gpt-4o-mini', 'auto'],
];

for (const [id, parser, startsInReasoning] of FAMILIES) {
  test(`model config: ${id} → ${parser}${startsInReasoning ? ' (starts in reasoning)' : ''}`, () => {
    const cfg = resolveModelConfig(id);
    assert.equal(cfg.reasoning.parser, parser);
    assert.equal(cfg.reasoning.startsInReasoning, startsInReasoning);
  });
}

test('model config: patterns — RegExp, /regex/ strings, globs, substrings, all case-insensitive by default', () => {
  assert.equal(matchesModel('deepseek-r1', 'DeepSeek-R1-0528'), true);
  assert.equal(matchesModel('/^qwen3-\\d+b$/i', 'Qwen3-8B'), true);
  assert.equal(matchesModel('/^qwen3-\\d+b$/', 'Qwen3-8B'), false);
  assert.equal(matchesModel('llama-*-instruct', 'Llama-3.1-8B-Instruct'), true);
  assert.equal(matchesModel('llama-*', 'my-llama-3'), false, 'globs are anchored');
  assert.equal(matchesModel('gpt-4?', 'gpt-4o'), true);
  const global = /r1/g;
  assert.deepEqual([matchesModel(global, 'r1'), matchesModel(global, 'r1')], [true, true], 'a global RegExp keeps no state between calls');
});

test('model config: user entries override the defaults field by field; another parser replaces the spec', () => {
  const user: ModelConfigEntry[] = [
    { match: 'r1-distill', upstreams: ['vllm-a', 'vllm-b'], timeouts: { idleMs: 5_000 }, rawReasoning: 'both' },
    { match: '*', upstreams: ['catch-all'] },
  ];
  const r1 = resolveModelConfig('DeepSeek-R1-Distill-Llama-8B', user);
  assert.deepEqual(r1.reasoning, { parser: 'think_tags', startsInReasoning: true });
  assert.deepEqual([r1.upstreams, r1.timeouts.idleMs, r1.timeouts.firstByteMs, r1.rawReasoning], [['vllm-a', 'vllm-b'], 5_000, 120_000, 'both']);
  assert.deepEqual(r1.matchedBy, ['/deepseek-r1/i', 'r1-distill']);
  const swapped = resolveModelConfig('deepseek-r1', [{ match: 'deepseek-r1', reasoning: { parser: 'reasoning_tags' } }]);
  assert.deepEqual(swapped.reasoning, { parser: 'reasoning_tags' });
  assert.deepEqual(resolveModelConfig('anything', user).upstreams, ['catch-all']);
  assert.deepEqual(resolveModelConfig('unknown-model').matchedBy, ['(fallback)']);
});

test('model config: the fallback never strips text from a model that does not reason', () => {
  const spec = resolveModelConfig('some-plain-chat-model').reasoning;
  for (const text of ['Use <think> tags like <think>this</think>.', '  Hello', '<b>bold</b>', '']) {
    assert.deepEqual(splitReasoning(spec, text), { reasoning: '', content: text });
  }
  assert.deepEqual(splitReasoning(spec, '\n<think>hmm</think>\n\nHi'), { reasoning: 'hmm', content: 'Hi' });
});

test('model config: reasoning effort is mapped to the field each upstream reads', () => {
  assert.deepEqual(effortFields(resolveModelConfig('gpt-4o').reasoningEffort, 'high'), { reasoning_effort: 'high' });
  assert.deepEqual(effortFields(resolveModelConfig('Qwen3-8B').reasoningEffort, 'none'), { chat_template_kwargs: { enable_thinking: false } });
  assert.deepEqual(effortFields(resolveModelConfig('gpt-oss-20b').reasoningEffort, 'minimal'), { reasoning_effort: 'low' });
  assert.deepEqual(effortFields(resolveModelConfig('deepseek-reasoner').reasoningEffort, 'high'), {});
  assert.deepEqual(effortFields(resolveModelConfig('gpt-4o').reasoningEffort, undefined), {});
  assert.deepEqual(effortFields({ field: 'reasoning.effort', values: { low: null } }, 'low'), {});
});

test('model config: history reasoning is forwarded in the shape the upstream takes', () => {
  const msg = { role: 'assistant' as const, content: 'Hi', reasoning_content: 'thought' };
  assert.deepEqual(historyMessage(msg, 'reasoning_content'), msg);
  assert.deepEqual(historyMessage(msg, 'reasoning'), { role: 'assistant', content: 'Hi', reasoning: 'thought' });
  assert.deepEqual(historyMessage(msg, 'drop'), { role: 'assistant', content: 'Hi' });
  assert.equal(resolveModelConfig('deepseek-reasoner').historyReasoning, 'drop');
});

test('model config: reasoningStagesFor builds splitter + phases, or the splitter alone when summaries are off', async () => {
  const run = async (entry: ModelConfigEntry) => {
    const cfg = resolveModelConfig('deepseek-r1', [entry]);
    async function* src(): AsyncIterable<EngineEvent> {
      yield { type: 'content', choice: 0, text: 'Because 2+2=4.</think>4' };
    }
    const req = { model: 'deepseek-r1', input: { kind: 'text' as const, prompt: 'Sum?' }, n: 1, stop: [], sampling: {}, extra: {} };
    const out: string[] = [];
    for await (const ev of pipe(src(), req, ...reasoningStagesFor(cfg, async () => 'model summary'))) out.push(ev.type === 'phase' ? `${ev.phase}:${ev.text ?? ''}` : `${ev.type}:${'text' in ev ? ev.text : ''}`);
    return out;
  };
  assert.deepEqual(await run({ match: 'r1', summary: { mode: 'off' } }), ['reasoning:Because 2+2=4.', 'content:4']);
  assert.deepEqual(await run({ match: 'r1', summary: { mode: 'model' } }), ['prompt_summary:Question: Sum?\n', 'reasoning_summary:', 'reasoning_summary:model summary\n', 'final_output:', 'content:4']);
  assert.deepEqual((await run({ match: 'r1' }))[2], 'reasoning_summary:Because 2+2=4.\n');
});

test('model config: modelReasoningStages applies each request’s own model configuration', async () => {
  const { splitter, phases, configFor } = modelReasoningStages({ entries: [{ match: 'quiet', summary: { mode: 'off' } }], phasesFor: (req) => req.model !== 'deepseek-r1-no-phases' });
  const run = async (model: string, text: string) => {
    async function* src(): AsyncIterable<EngineEvent> {
      yield { type: 'content', choice: 0, text };
    }
    const req = { model, input: { kind: 'text' as const, prompt: 'Go.' }, n: 1, stop: [], sampling: {}, extra: {} };
    const out: string[] = [];
    for await (const ev of pipe(src(), req, splitter, phases)) out.push(ev.type === 'phase' ? `phase:${ev.phase}` : `${ev.type}:${'text' in ev ? ev.text : ''}`);
    return out;
  };
  assert.deepEqual(await run('deepseek-r1:7b', 'r</think>a'), ['phase:prompt_summary', 'phase:reasoning_summary', 'phase:reasoning_summary', 'phase:final_output', 'content:a']);
  assert.deepEqual(await run('plain-model', 'r</think>a'), ['phase:prompt_summary', 'phase:final_output', 'content:r</think>a']);
  assert.deepEqual(await run('quiet-deepseek-r1', 'r</think>a'), ['reasoning:r', 'content:a']);
  assert.deepEqual(await run('deepseek-r1-no-phases', 'r</think>a'), ['reasoning:r', 'content:a']);
  assert.equal(configFor('QwQ-32B').reasoning.startsInReasoning, true);
});
