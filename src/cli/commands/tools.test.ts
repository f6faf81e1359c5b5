/** `psr tools` as a real process: parse model text from stdin, match a request against a JSON tools file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const psr = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', main, 'tools', ...args], { input, encoding: 'utf8' });

test('psr tools parse turns model text into content and tool_calls', () => {
  const r = psr(['parse', '--parser', 'mistral', '-'], 'ok [TOOL_CALLS]get_time[ARGS]{"tz":"UTC"}');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { content: 'ok', tool_calls: [{ index: 0, type: 'function', function: { name: 'get_time', arguments: '{"tz":"UTC"}' } }] });
  const bad = psr(['parse', '--parser', 'nope', '-'], 'x');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /known: reframr, hermes/);
});

test('psr tools match shows scores and the plan for a JSON tools file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psr-tools-'));
  const file = join(dir, 'tools.json');
  writeFileSync(file, JSON.stringify([{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]));
  const r = psr(['match', 'weather in Paris?', '--tools', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).plan, { kind: 'call', calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}', score: JSON.parse(r.stdout).scores[0].score }] });
  writeFileSync(file, JSON.stringify([{ type: 'function', function: { name: 'bad name' } }]));
  const bad = psr(['match', 'x', '--tools', file]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /tools\[0\]\.function\.name/);
});
