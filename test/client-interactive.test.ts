/**
 * `psr chat --interactive` in a real pseudo-terminal (tmux on a private socket): Ctrl-C cancels a
 * slow answer and the REPL lives on, /model, /reset, history across sessions, Ctrl-C twice and
 * /exit leave with status 0, colour only when the terminal allows it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedPsr } from './client-harness.js';
import { count, Tmux } from './client-tmux.js';

const ROOT = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'psr-chat-'));
const historyFile = join(dir, 'history');
let server: { url: string; close: () => Promise<void> };

const tmux = new Tmux();

function startChat(name: string, env: string, args: string): void {
  tmux.start(name, ROOT, `env ${env} PSR_HISTORY_FILE=${historyFile} ${process.execPath} --import tsx src/cli/main.ts chat --url ${server.url} ${args}`);
}

before(async () => {
  server = await startScriptedPsr();
});
after(async () => {
  tmux.close();
  rmSync(dir, { recursive: true, force: true });
  await server.close();
});

test('Ctrl-C cancels a slow answer, the REPL stays; /model, /reset, /exit', async () => {
  const s = 'one';
  startChat(s, 'NO_COLOR=1', '--model scripted-slow --interactive');
  await tmux.waitFor(s, (x) => x.includes('you ›'), 'the prompt');
  tmux.keys(s, 'hello there', 'Enter');
  await tmux.waitFor(s, (x) => x.includes('Answer for turn 1: one'), 'the slow answer to start');
  tmux.keys(s, 'C-c');
  let x = await tmux.waitFor(s, (y) => y.includes('[cancelled]') && count(y, 'you ›') === 2, 'cancel and a new prompt');
  assert.equal(x.includes('twenty.'), false, 'the answer was cut short');
  assert.equal(tmux.exit(s).dead, false, 'still running after Ctrl-C');

  tmux.keys(s, '/model scripted-phased', 'Enter');
  await tmux.waitFor(s, (y) => y.includes('(model: scripted-phased)'), '/model');
  // The cancelled exchange was dropped, so this is turn 1 of the conversation.
  tmux.keys(s, 'again', 'Enter');
  await tmux.waitFor(s, (y) => y.includes('[answer] Answer for turn 1: forty-two.'), 'an answer after the cancel');
  tmux.keys(s, 'more', 'Enter');
  await tmux.waitFor(s, (y) => y.includes('Answer for turn 2: forty-two.'), 'the conversation to be kept');
  tmux.keys(s, '/reset', 'Enter');
  await tmux.waitFor(s, (y) => y.includes('(conversation reset)'), '/reset');
  tmux.keys(s, 'fresh', 'Enter');
  x = await tmux.waitFor(s, (y) => count(y, 'Answer for turn 1: forty-two.') === 2, 'turn 1 again after /reset');
  assert.match(x, /\[prompt summary\] The user asks: fresh\n\[reasoning\] Let me think step by step\.\n\[reasoning summary\] Considered one rule and two facts\.\n\[answer\] Answer for turn 1: forty-two\./);
  assert.equal(tmux.screen(s, true).includes('\x1b[3'), false, 'NO_COLOR: no colours');

  tmux.keys(s, '/exit', 'Enter');
  await tmux.waitFor(s, () => tmux.exit(s).dead, 'the REPL to exit');
  assert.deepEqual(tmux.exit(s), { dead: true, status: '0', signal: '' }, tmux.screen(s));
  assert.deepEqual(readFileSync(historyFile, 'utf8').trim().split('\n'), ['hello there', '/model scripted-phased', 'again', 'more', '/reset', 'fresh', '/exit']);
});

test('history is recalled with Up; Ctrl-C clears a line, twice at an empty prompt exits; colour on a TTY', async () => {
  const s = 'two';
  startChat(s, 'TERM=xterm-256color', '--model scripted-phased -i');
  await tmux.waitFor(s, (x) => x.includes('you ›'), 'the prompt');
  tmux.keys(s, 'Up');
  await tmux.waitFor(s, (x) => x.includes('you › /exit'), 'the last history entry');
  tmux.keys(s, 'Up');
  await tmux.waitFor(s, (x) => x.includes('you › fresh'), 'the entry before it');
  tmux.keys(s, 'C-c');
  await tmux.waitFor(s, (x) => count(x, 'you ›') === 2, 'a fresh prompt after clearing the line');
  assert.equal(tmux.exit(s).dead, false, 'Ctrl-C on a non-empty line does not arm exit');
  tmux.keys(s, 'C-c');
  await tmux.waitFor(s, (x) => x.includes('(Ctrl-C again to exit'), 'the exit hint');
  assert.equal(tmux.exit(s).dead, false);
  assert.ok(tmux.screen(s, true).includes('\x1b[36m'), 'the prompt is coloured on a terminal');
  tmux.keys(s, 'C-c');
  await tmux.waitFor(s, () => tmux.exit(s).dead, 'exit on the second Ctrl-C');
  assert.deepEqual(tmux.exit(s), { dead: true, status: '0', signal: '' }, tmux.screen(s));
});
