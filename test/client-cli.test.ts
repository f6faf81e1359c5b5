/**
 * `psr chat` as scripts use it: a real psr (scripted engine) and the CLI as a child process with
 * a pipe for stdout, so output is plain unless FORCE_COLOR asks for colour.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runChat, startScriptedPsr } from './client-harness.js';

let server: { url: string; close: () => Promise<void> };
before(async () => {
  server = await startScriptedPsr();
});
after(() => server.close());

const chat = runChat;

const ESC = '\x1b[';

test('--prompt prints the phases with plain labels when stdout is not a terminal', async () => {
  const r = await chat(['--url', server.url, '--model', 'scripted-phased', '--prompt', 'what is six times seven']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.includes(ESC), false, 'no escape codes in plain output');
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 4), [
    '[prompt summary] The user asks: what is six times seven',
    '[reasoning] Let me think step by step.',
    '[reasoning summary] Considered one rule and two facts.',
    '[answer] Answer for turn 1: forty-two.',
  ]);
  assert.match(r.stdout, /\[proof\]\n {2}└─ answer\(42\) — r1\n {5}├─ fact\(a\)/);
});

test('a server without phases gets its answer printed bare; --url may end in /v1', async () => {
  const r = await chat(['--url', `${server.url}/v1`, '--model', 'scripted-plain', '-p', 'hi']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Answer for turn 1: forty-two.\n');
});

test('--model defaults to the first listed model; -q prints only the answer', async () => {
  const r = await chat(['--url', server.url, '-q', '-p', 'hi']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Answer for turn 1: forty-two.\n');
});

test('--json prints one object with content, reasoning, phases, usage and timings', async () => {
  const r = await chat(['--url', server.url, '--model', 'scripted-phased', '--json', '-p', 'q', '--max-tokens', '50', '--temperature', '0.2', '--reasoning-effort', 'low']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const j = JSON.parse(lines[0]!) as Record<string, any>;
  assert.equal(j.model, 'scripted-phased');
  assert.equal(j.content, 'Answer for turn 1: forty-two.');
  assert.equal(j.reasoning, 'Let me think step by step.');
  assert.deepEqual(j.phases, { prompt_summary: 'The user asks: q', reasoning_summary: 'Considered one rule and two facts.' });
  assert.deepEqual(j.phase_order, ['prompt_summary', 'reasoning_summary', 'final_output']);
  assert.equal(j.finish_reason, 'stop');
  assert.equal(typeof j.usage.completion_tokens, 'number');
  for (const k of ['ttfb_ms', 'ttft_ms', 'first_content_ms', 'total_ms']) assert.equal(typeof j.timings[k], 'number', k);
  assert.equal(j.proof[0].label, 'answer(42)');
  assert.equal(j.error, null);
});

test('colour: FORCE_COLOR colours each phase; NO_COLOR keeps it plain', async () => {
  const coloured = await chat(['--url', server.url, '--model', 'scripted-phased', '-p', 'q'], { FORCE_COLOR: '1' });
  assert.ok(coloured.stdout.includes(`${ESC}36mThe user asks: q`), 'prompt summary cyan');
  assert.ok(coloured.stdout.includes(`${ESC}2mLet me think`), 'reasoning dim');
  assert.ok(coloured.stdout.includes(`${ESC}33mConsidered`), 'reasoning summary yellow');
  assert.ok(coloured.stdout.includes(`${ESC}32mAnswer`), 'answer green');
  const plain = await chat(['--url', server.url, '--model', 'scripted-phased', '-p', 'q'], { NO_COLOR: '1' });
  assert.equal(plain.stdout.includes(ESC), false);
});

test('-v prints phase transitions and timings on stderr', async () => {
  const r = await chat(['--url', server.url, '--model', 'scripted-phased', '-v', '-p', 'q']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /· first byte after \d+ ms/);
  assert.match(r.stderr, /· phase → prompt_summary at [\d.]+ m?s\n· phase → reasoning_summary at .*\n· phase → final_output at /);
  assert.match(r.stderr, /· ttfb [\d.]+ m?s · ttft [\d.]+ m?s · [\d.]+ tok\/s · \d+ tokens · total [\d.]+ m?s/);
});

test('a question on stdin, and errors: unknown model exits 1 with the server message', async () => {
  const piped = await chat(['--url', server.url, '--model', 'scripted-plain'], {}, 'from stdin\n');
  assert.equal(piped.stdout, 'Answer for turn 1: forty-two.\n');
  const bad = await chat(['--url', server.url, '--model', 'no-such-model', '-p', 'x']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /error: .*no-such-model.* \(HTTP 404\)/);
  const usage = await chat(['--url', server.url, '--reasoning-effort', 'extreme', '-p', 'x']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--reasoning-effort must be one of/);
});

test('--health pretty-prints /health; an unreachable server exits 1', async () => {
  const ok = await chat(['--url', server.url, '--health']);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /^● healthy .*\/health \(HTTP 200\)\n/);
  assert.match(ok.stdout, /engines:\n {4}scripted:\n {6}ok: true/);
  const down = await chat(['--url', 'http://127.0.0.1:1', '--health']);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /cannot reach http:\/\/127\.0\.0\.1:1\/health/);
});

test('--tools runs the called tool locally and streams the follow-up answer', async () => {
  const r = await chat(['--url', server.url, '--model', 'scripted-tools', '--tools', 'src/tools/fixtures/tools-object.mjs', '-p', 'what is 2+3?']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[tool call] add {"a":2,"b":3}\n[tool result] add → {"sum":5}\n[answer] The tool said {"sum":5}.\n');
  const missing = await chat(['--url', server.url, '--tools', 'no/such/tools.mjs', '-p', 'x']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--tools: tools module not found/);
});
