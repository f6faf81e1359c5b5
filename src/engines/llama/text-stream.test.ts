import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StopMatcher } from './text-stream.js';

// [generated text, stop sequences, trim trailing whitespace, expected output, stopped]
const cases: Array<[string, string[], boolean, string, boolean]> = [
  ['hello world', [], false, 'hello world', false],
  ['hello world', ['wor'], false, 'hello ', true],
  ['hello world', ['xyz', 'lo w'], false, 'hel', true],
  ['abcabd', ['abd'], false, 'abc', true],
  ['ends with a partial sto', ['stop'], false, 'ends with a partial sto', false],
  ['{"a": 1}\n\n\n\n\n', ['\n\n\n\n'], true, '{"a": 1}', true],
  ['{"a": 1}  \n', [], true, '{"a": 1}', false],
  ['', ['x'], false, '', false],
];

test('StopMatcher finds stops however the text is split', () => {
  for (const [text, stops, trim, want, wantStopped] of cases) {
    for (let cut = 0; cut <= text.length; cut++) {
      for (const pieces of [[text.slice(0, cut), text.slice(cut)], [...text]]) {
        const m = new StopMatcher(stops, trim);
        let out = '';
        let stopped = false;
        for (const p of pieces) {
          const step = m.push(p);
          out += step.emit;
          if (step.stopped) { stopped = true; break; }
        }
        if (!stopped) out += m.flush();
        assert.equal(out, want, `${JSON.stringify(text)} split at ${cut}`);
        assert.equal(stopped, wantStopped, JSON.stringify(text));
      }
    }
  }
});
