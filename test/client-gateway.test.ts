/**
 * `psr chat` against psr as a reasoning gateway over the real mock upstream (<think> tags split,
 * phases streamed): the three phases in order, and Ctrl-C in the REPL aborting the request all
 * the way to the upstream (the mock counts it as aborted) while the REPL stays alive.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGatewayPsr, until } from './client-harness.js';
import { count, Tmux } from './client-tmux.js';
import { startStack, type PsrStack } from './helpers/psr-stack.js';

const ROOT = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'psr-chat-gw-'));
const tmux = new Tmux();
let fast: PsrStack;
let slow: PsrStack;
let plain: PsrStack;

before(async () => {
  [fast, slow, plain] = await Promise.all([startGatewayPsr(0), startGatewayPsr(150), startStack()]);
});
after(async () => {
  tmux.close();
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([fast.close(), slow.close(), plain.close()]);
});

test('--json over the gateway: prompt summary, reasoning summary, then the answer', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'chat', '--url', fast.url, '--json', '-p', 'What is 2+2?'], { cwd: ROOT, timeout: 60_000 });
  const j = JSON.parse(stdout) as { content: string; reasoning: string; phases: Record<string, string>; phase_order: string[]; model: string };
  assert.equal(j.model, 'mock-reasoner', 'the first listed model is the default');
  assert.deepEqual(j.phase_order, ['prompt_summary', 'reasoning_summary', 'final_output']);
  assert.equal(j.content, 'The answer is 4.');
  assert.match(j.reasoning, /2 \+ 2 = 4/);
  assert.match(j.phases.prompt_summary!, /What is 2\+2\?/);
  assert.match(j.phases.reasoning_summary!, /Adding 2 and 2 gives 4/);
});

test('a server that leaves <think> inline: the client splits it out of the answer', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'chat', '--url', plain.url, '-p', 'What is 2+2?'], { cwd: ROOT, timeout: 60_000 });
  assert.equal(stdout, '[reasoning] The user asks for the sum of 2 and 2. Adding 2 and 2 gives 4. Let me double-check: 2 + 2 = 4.\n[answer] The answer is 4.\n');
});

test('Ctrl-C in the REPL aborts a slow gateway answer up to the upstream; the REPL goes on', async () => {
  const s = 'gw';
  tmux.start(s, ROOT, `env NO_COLOR=1 PSR_HISTORY_FILE=${join(dir, 'h')} ${process.execPath} --import tsx src/cli/main.ts chat --url ${slow.url} -i`);
  await tmux.waitFor(s, (x) => x.includes('you ›'), 'the prompt');
  tmux.keys(s, 'What is 2+2?', 'Enter');
  await tmux.waitFor(s, (x) => x.includes('[reasoning] The user'), 'reasoning to stream');
  tmux.keys(s, 'C-c');
  const x = await tmux.waitFor(s, (y) => y.includes('[cancelled]') && count(y, 'you ›') === 2, 'cancel and a new prompt');
  assert.equal(x.includes('The answer is 4.'), false, 'cut before the answer');
  await until(() => slow.mock.stats().aborted === 1, 'the upstream request to be aborted');
  assert.equal(tmux.exit(s).dead, false);
  tmux.keys(s, '/exit', 'Enter');
  await tmux.waitFor(s, () => tmux.exit(s).dead, 'exit');
  assert.deepEqual(tmux.exit(s), { dead: true, status: '0', signal: '' }, tmux.screen(s));
});

test('--prompt: SIGINT (Ctrl-C) mid-answer aborts the request and exits 130', async () => {
  const aborted = slow.mock.stats().aborted;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'chat', '--url', slow.url, '-p', 'What is 2+2?'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  let stdout = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    // once: a second Ctrl-C force-quits, as in any terminal program
    if (!sent && stdout.includes('[reasoning]')) sent = child.kill('SIGINT');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130);
  assert.match(stdout, /\[cancelled\]\n$/);
  assert.equal(stdout.includes('The answer is 4.'), false);
  await until(() => slow.mock.stats().aborted === aborted + 1, 'the upstream request to be aborted');
});
