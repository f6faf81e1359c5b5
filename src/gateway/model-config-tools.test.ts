/** Which tool-call parser each model gets: the defaults by family, user entries, bad names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkModelEntry, GatewaySettingsError } from './gateway-settings.js';
import { resolveModelConfig } from './model-config.js';

const CASES: Array<[model: string, parser: string]> = [
  ['Qwen/Qwen2.5-7B-Instruct', 'hermes'],
  ['qwen3-8b', 'hermes'],
  ['Qwen/QwQ-32B', 'hermes'],
  ['NousResearch/Hermes-3-Llama-3.1-8B', 'hermes'],
  ['mistralai/Mistral-Small-3.1-24B-Instruct-2503', 'mistral'],
  ['magistral-small-2507', 'mistral'],
  ['meta-llama/Llama-3.1-8B-Instruct', 'llama3_json'],
  ['reframr-tiny', 'reframr'],
  ['gpt-4o', 'none'],
  ['psycho-symbolic-v1', 'none'],
  ['mock-reasoner', 'none'],
  ['mock-reasoner-hermes', 'hermes'],
  ['mock-reasoner-mistral', 'mistral'],
  ['mock-reasoner-llama3_json', 'llama3_json'],
  ['mock-reasoner-reframr', 'reframr'],
];

test('default tool parsers by model family', () => {
  for (const [model, parser] of CASES) assert.equal(resolveModelConfig(model).toolParser, parser, model);
  // The family entries that set a parser keep their reasoning settings.
  assert.equal(resolveModelConfig('qwen3-8b').reasoning.parser, 'think_tags');
  assert.equal(resolveModelConfig('mock-reasoner-hermes').reasoning.parser, 'think_tags');
});

test('a config entry sets the parser; other settings stay', () => {
  const cfg = resolveModelConfig('my-finetune', [{ match: 'my-*', toolParser: 'hermes' }]);
  assert.equal(cfg.toolParser, 'hermes');
  assert.equal(resolveModelConfig('qwen3-8b', [{ match: '*', rawReasoning: 'forward' }]).toolParser, 'hermes');
});

test('a config entry naming an unknown parser is rejected with the known names', () => {
  assert.deepEqual(checkModelEntry({ match: 'x', toolParser: 'mistral' }, 'models[0]').toolParser, 'mistral');
  assert.throws(() => checkModelEntry({ match: 'x', toolParser: 'qwen' }, 'models[0]'), (e: Error) => e instanceof GatewaySettingsError && /models\[0\]\.toolParser: must be one of .*hermes/.test(e.message));
});
