import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModelEntry, DEFAULT_GATEWAY_SETTINGS, gatewaySettingsFromEnv, GatewaySettingsError } from './gateway-settings.js';
import { resolveModelConfig } from './model-config.js';

test('environment: defaults, overrides, and a catch-all raw-reasoning policy', () => {
  assert.deepEqual(gatewaySettingsFromEnv({}), DEFAULT_GATEWAY_SETTINGS);
  const s = gatewaySettingsFromEnv({ PSR_PHASES: 'off', PSR_RAW_REASONING: 'both', PSR_BREAKER_FAILURES: '3', PSR_BREAKER_OPEN_MS: '5000', PSR_RETRY_ATTEMPTS: '1', PSR_CONNECT_TIMEOUT_MS: '250', PSR_UPSTREAM_CONNECTIONS: '64' });
  assert.equal(s.phases, false);
  assert.deepEqual([s.breaker.failureThreshold, s.breaker.openMs, s.retry.attempts, s.connectTimeoutMs, s.upstreamConnections], [3, 5000, 1, 250, 64]);
  assert.equal(resolveModelConfig('deepseek-r1', s.models).rawReasoning, 'both');
  for (const [k, v] of [['PSR_RAW_REASONING', 'all'], ['PSR_BREAKER_FAILURES', '0'], ['PSR_RETRY_ATTEMPTS', 'x']]) {
    assert.throws(() => gatewaySettingsFromEnv({ [k!]: v }), (e: Error) => e instanceof GatewaySettingsError && e.message.includes(k!));
  }
});

test('a model config file: entries validated with their position, then resolved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psr-models-'));
  try {
    const good = join(dir, 'models.yaml');
    writeFileSync(good, 'models:\n  - match: my-r1*\n    reasoning: { parser: think_tags, startsInReasoning: true }\n    upstreams: [fast, default]\n');
    const s = gatewaySettingsFromEnv({ PSR_MODEL_CONFIG: good });
    const cfg = resolveModelConfig('my-r1-7b', s.models);
    assert.deepEqual([cfg.reasoning, cfg.upstreams], [{ parser: 'think_tags', startsInReasoning: true }, ['fast', 'default']]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"match": "x", "reasoning": {"parser": "thinky"}}]');
    assert.throws(() => gatewaySettingsFromEnv({ PSR_MODEL_CONFIG: bad }), /models\[0\]\.reasoning\.parser: must be one of .*think_tags/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('entry checks', () => {
  const bad: Array<[unknown, RegExp]> = [
    [null, /must be a mapping/],
    [{}, /match: is required/],
    [{ match: 'x', rawReasoning: 'all' }, /rawReasoning/],
    [{ match: 'x', upstreams: 'a' }, /upstreams/],
    [{ match: 'x', summary: { mode: 'llm' } }, /summary\.mode/],
    [{ match: 'x', reasoningField: 'thoughts' }, /reasoningField/],
  ];
  for (const [entry, why] of bad) assert.throws(() => checkModelEntry(entry, 'e'), why);
  assert.deepEqual(checkModelEntry({ match: 'x', historyReasoning: 'drop' }, 'e'), { match: 'x', historyReasoning: 'drop' });
});

test('the config file may hold `models:` entries; they are checked and used after PSR_MODEL_CONFIG ones', async () => {
  const { loadConfig } = await import('../config.js');
  const dir = mkdtempSync(join(tmpdir(), 'psr-cfg-'));
  try {
    const file = join(dir, 'psr.yaml');
    writeFileSync(file, 'models:\n  - match: "/^my-qwq/i"\n    reasoning: { parser: think_tags, startsInReasoning: true }\n    rawReasoning: both\n');
    const cfg = loadConfig({ PSR_CONFIG: file }, {});
    const s = gatewaySettingsFromEnv({}, cfg.models);
    assert.equal(resolveModelConfig('My-QwQ-32B', s.models).rawReasoning, 'both');
    writeFileSync(file, 'models:\n  - match: x\n    rawReasoning: sometimes\n');
    assert.throws(() => gatewaySettingsFromEnv({}, loadConfig({ PSR_CONFIG: file }, {}).models), /config models\[0\]\.rawReasoning/);
    writeFileSync(file, 'models:\n  - reasoning: {}\n');
    assert.throws(() => loadConfig({ PSR_CONFIG: file }, {}), /models\.0\.match is required|match/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
