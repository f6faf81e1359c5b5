import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSpinner } from './spinner.js';
import { createStyle, wantsColour } from './style.js';

const cases: Array<{ name: string; tty: boolean; env: Record<string, string>; want: boolean }> = [
  { name: 'a TTY', tty: true, env: {}, want: true },
  { name: 'a pipe', tty: false, env: {}, want: false },
  { name: 'NO_COLOR on a TTY', tty: true, env: { NO_COLOR: '1' }, want: false },
  { name: 'empty NO_COLOR is unset', tty: true, env: { NO_COLOR: '' }, want: true },
  { name: 'TERM=dumb', tty: true, env: { TERM: 'dumb' }, want: false },
  { name: 'FORCE_COLOR on a pipe', tty: false, env: { FORCE_COLOR: '1' }, want: true },
  { name: 'FORCE_COLOR=0 on a TTY', tty: true, env: { FORCE_COLOR: '0' }, want: false },
  { name: 'FORCE_COLOR wins over NO_COLOR', tty: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, want: true },
];
for (const c of cases) {
  test(`colour: ${c.name} → ${c.want}`, () => assert.equal(wantsColour({ isTTY: c.tty }, c.env), c.want));
}

test('plain style labels with brackets and adds no escapes; colour style paints', () => {
  const plain = createStyle(false);
  assert.equal(plain.label('reasoning_summary') + plain.section('content', 'x'), '[reasoning summary] x');
  const colour = createStyle(true);
  assert.equal(colour.section('prompt_summary', 'x'), '\x1b[36mx\x1b[0m');
  assert.equal(colour.section('reasoning', 'x'), '\x1b[2mx\x1b[0m');
});

test('spinner draws only on a TTY and clears its line when stopped', () => {
  const written: string[] = [];
  const stream = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  const spinner = createSpinner(stream);
  spinner.start('waiting');
  spinner.stop();
  spinner.stop();
  assert.deepEqual(written, ['\r⠋ waiting\x1b[K', '\r\x1b[K']);
  const quiet: string[] = [];
  const pipe = { isTTY: false, write: (s: string) => quiet.push(s) } as unknown as NodeJS.WriteStream;
  const off = createSpinner(pipe);
  off.start('waiting');
  off.stop();
  assert.deepEqual(quiet, []);
});
