/**
 * `psr chat --interactive` in a real pseudo-terminal (tmux on a private socket): Ctrl-C cancels a
 * slow answer and the REPL lives on, /model, /reset, history across sessions, Ctrl-C twice and
 * /exit leave with status 0, colour only when the terminal allows it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startScriptedPsr } from './client-harness.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SOCKET = `psr-test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'psr-chat-'));
const historyFile = join(dir, 'history');
let server: { url: string; close: () => Promise<void> };

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function startChat(name: string, env: string, args: string): void {
  const cmd = `env ${env} PSR_HISTORY_FILE=${historyFile} ${process.execPath} --import tsx src/cli/main.ts chat --url ${server.url} ${args}`;
  // one tmux call, so the pane cannot exit before remain-on-exit is set
  tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', ROOT, cmd, ';', 'set-option', '-t', name, 'remain-on-exit', 'on');
}

function screen(name: string, escapes = false): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-', ...(escapes ? ['-e'] : []), '-t', name);
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

/** Wait until `pred(screen)` holds; fails with the screen when it never does. */
async function waitFor(name: string, pred: (s: string) => boolean, what: string, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen(name);
    if (pred(s)) return s;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; screen:\n${s}`);
    await sleep(100);
  }
}

/** Whether the pane's process has exited, and its status ('' until tmux has reaped it). */
function paneExit(name: string): { dead: boolean; status: string } {
  const [dead, status] = tmux('list-panes', '-t', name, '-F', '#{pane_dead} #{pane_dead_status}').trim().split(' ');
  return { dead: dead === '1' && (status ?? '') !== '', status: status ?? '' };
}

before(async () => {
  server = await startScriptedPsr();
});
after(async () => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
  await server.close();
});

test('Ctrl-C cancels a slow answer, the REPL stays; /model, /reset, /exit', async () => {
  const s = 'one';
  startChat(s, 'NO_COLOR=1', '--model scripted-slow --interactive');
  await waitFor(s, (x) => x.includes('you ›'), 'the prompt');
  tmux('send-keys', '-t', s, 'hello there', 'Enter');
  await waitFor(s, (x) => x.includes('Answer for turn 1: one'), 'the slow answer to start');
  tmux('send-keys', '-t', s, 'C-c');
  let x = await waitFor(s, (y) => y.includes('[cancelled]') && count(y, 'you ›') === 2, 'cancel and a new prompt');
  assert.equal(x.includes('twenty.'), false, 'the answer was cut short');
  assert.equal(paneExit(s).dead, false, 'still running after Ctrl-C');

  tmux('send-keys', '-t', s, '/model scripted-phased', 'Enter');
  await waitFor(s, (y) => y.includes('(model: scripted-phased)'), '/model');
  // The cancelled exchange was dropped, so this is turn 1 of the conversation.
  tmux('send-keys', '-t', s, 'again', 'Enter');
  await waitFor(s, (y) => y.includes('[answer] Answer for turn 1: forty-two.'), 'an answer after the cancel');
  tmux('send-keys', '-t', s, 'more', 'Enter');
  await waitFor(s, (y) => y.includes('Answer for turn 2: forty-two.'), 'the conversation to be kept');
  tmux('send-keys', '-t', s, '/reset', 'Enter');
  await waitFor(s, (y) => y.includes('(conversation reset)'), '/reset');
  tmux('send-keys', '-t', s, 'fresh', 'Enter');
  x = await waitFor(s, (y) => count(y, 'Answer for turn 1: forty-two.') === 2, 'turn 1 again after /reset');
  assert.match(x, /\[prompt summary\] The user asks: fresh\n\[reasoning\] Let me think step by step\.\n\[reasoning summary\] Considered one rule and two facts\.\n\[answer\] Answer for turn 1: forty-two\./);
  assert.equal(screen(s, true).includes('\x1b[3'), false, 'NO_COLOR: no colours');

  tmux('send-keys', '-t', s, '/exit', 'Enter');
  await waitFor(s, () => paneExit(s).dead, 'the REPL to exit');
  assert.equal(paneExit(s).status, '0');
  assert.deepEqual(readFileSync(historyFile, 'utf8').trim().split('\n'), ['hello there', '/model scripted-phased', 'again', 'more', '/reset', 'fresh', '/exit']);
});

test('history is recalled with Up; Ctrl-C clears a line, twice at an empty prompt exits; colour on a TTY', async () => {
  const s = 'two';
  startChat(s, 'TERM=xterm-256color', '--model scripted-phased -i');
  await waitFor(s, (x) => x.includes('you ›'), 'the prompt');
  tmux('send-keys', '-t', s, 'Up');
  await waitFor(s, (x) => x.includes('you › /exit'), 'the last history entry');
  tmux('send-keys', '-t', s, 'Up');
  await waitFor(s, (x) => x.includes('you › fresh'), 'the entry before it');
  tmux('send-keys', '-t', s, 'C-c');
  await waitFor(s, (x) => count(x, 'you ›') === 2, 'a fresh prompt after clearing the line');
  assert.equal(paneExit(s).dead, false, 'Ctrl-C on a non-empty line does not arm exit');
  tmux('send-keys', '-t', s, 'C-c');
  await waitFor(s, (x) => x.includes('(Ctrl-C again to exit'), 'the exit hint');
  assert.equal(paneExit(s).dead, false);
  assert.ok(screen(s, true).includes('\x1b[36m'), 'the prompt is coloured on a terminal');
  tmux('send-keys', '-t', s, 'C-c');
  await waitFor(s, () => paneExit(s).dead, 'exit on the second Ctrl-C');
  assert.equal(paneExit(s).status, '0');
});
