/**
 * One case table for every tool-call parser, run whole, split in two at every boundary and fed
 * one character at a time: all runs must give the same content and calls.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createToolCallParser } from './registry.js';
import type { ParsedToolCall } from './types.js';

interface Case {
  parser: string;
  name: string;
  text: string;
  content: string;
  calls: ParsedToolCall[];
  toolNames?: string[];
}

const W = { name: 'get_weather', arguments: '{"city":"Paris"}' };
const T = { name: 'get_time', arguments: '{"tz":"UTC"}' };

const CASES: Case[] = [
  // reframr
  { parser: 'reframr', name: 'plain text', text: 'Hello there, <b>world</b>!', content: 'Hello there, <b>world</b>!', calls: [] },
  { parser: 'reframr', name: 'marker at start', text: '<tool_call>get_weather {"city": "Paris"}', content: '', calls: [W] },
  { parser: 'reframr', name: 'prose then call', text: 'Let me check.\n<tool_call>get_weather {"city":"Paris"}', content: 'Let me check.', calls: [W] },
  { parser: 'reframr', name: 'closing tag and trailing prose', text: '<tool_call>get_weather {"city":"Paris"}</tool_call>\nDone.', content: 'Done.', calls: [W] },
  { parser: 'reframr', name: 'two calls', text: '<tool_call>get_weather {"city":"Paris"}\n<tool_call>get_time {"tz":"UTC"}', content: '', calls: [W, T] },
  { parser: 'reframr', name: 'braces inside strings', text: '<tool_call>note {"text":"a } b { \\" c"}', content: '', calls: [{ name: 'note', arguments: '{"text":"a } b { \\" c"}' }] },
  { parser: 'reframr', name: 'raw arguments wrapped', text: '<tool_call>search cheap flights to Rome', content: '', calls: [{ name: 'search', arguments: '{"input":"cheap flights to Rome"}' }] },
  { parser: 'reframr', name: 'raw arguments end at newline', text: '<tool_call>get_time\nIt is noon.', content: 'It is noon.', calls: [{ name: 'get_time', arguments: '{}' }] },
  { parser: 'reframr', name: 'name only', text: '<tool_call>get_time', content: '', calls: [{ name: 'get_time', arguments: '{}' }] },
  { parser: 'reframr', name: 'cut-off JSON is completed', text: '<tool_call>get_weather {"city":"Par', content: '', calls: [{ name: 'get_weather', arguments: '{"city":"Par"}', truncated: true }] },
  { parser: 'reframr', name: 'hermes shape accepted', text: '<tool_call>\n{"name":"get_weather","arguments":{"city":"Paris"}}\n</tool_call>', content: '', calls: [W] },
  { parser: 'reframr', name: 'lookalike tag is content', text: 'a <tool_cal> b <tool', content: 'a <tool_cal> b <tool', calls: [] },
  { parser: 'reframr', name: 'trailing whitespace kept without calls', text: 'ok \n', content: 'ok \n', calls: [] },
  // hermes
  { parser: 'hermes', name: 'plain text', text: 'No tools needed.', content: 'No tools needed.', calls: [] },
  { parser: 'hermes', name: 'one call', text: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>', content: '', calls: [W] },
  { parser: 'hermes', name: 'several in a row', text: 'Checking both.\n<tool_call>{"name":"get_weather","arguments":{"city":"Paris"}}</tool_call>\n<tool_call>{"name":"get_time","arguments":{"tz":"UTC"}}</tool_call>', content: 'Checking both.', calls: [W, T] },
  { parser: 'hermes', name: 'arguments as a JSON string', text: '<tool_call>{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}</tool_call>', content: '', calls: [W] },
  { parser: 'hermes', name: 'missing arguments', text: '<tool_call>{"name":"get_time"}</tool_call>', content: '', calls: [{ name: 'get_time', arguments: '{}' }] },
  { parser: 'hermes', name: 'unclosed at end is completed', text: '<tool_call>{"name":"get_weather","arguments":{"city":"Paris"', content: '', calls: [{ ...W, truncated: true }] },
  { parser: 'hermes', name: 'trailing comma repaired', text: '<tool_call>{"name":"get_weather","arguments":{"city":"Paris",}}</tool_call>', content: '', calls: [{ ...W, truncated: true }] },
  { parser: 'hermes', name: 'missing close tag between calls', text: '<tool_call>{"name":"get_weather","arguments":{"city":"Paris"}}\n<tool_call>{"name":"get_time","arguments":{"tz":"UTC"}}', content: '', calls: [W, T] },
  { parser: 'hermes', name: 'JSON that is not a call is released', text: '<tool_call>{"foo":1}</tool_call>', content: '<tool_call>{"foo":1}</tool_call>', calls: [] },
  { parser: 'hermes', name: 'not a call is released as content', text: 'x <tool_call>hello</tool_call> y', content: 'x<tool_call>hello</tool_call> y', calls: [] },
  // mistral
  { parser: 'mistral', name: 'plain text', text: 'Bonjour [tout] le monde', content: 'Bonjour [tout] le monde', calls: [] },
  { parser: 'mistral', name: 'JSON array', text: '[TOOL_CALLS] [{"name":"get_weather","arguments":{"city":"Paris"}},{"name":"get_time","arguments":{"tz":"UTC"}}]', content: '', calls: [W, T] },
  { parser: 'mistral', name: 'single object', text: '[TOOL_CALLS]{"name":"get_weather","arguments":{"city":"Paris"}}', content: '', calls: [W] },
  { parser: 'mistral', name: 'name[ARGS] form twice', text: '[TOOL_CALLS]get_weather[ARGS]{"city":"Paris"}[TOOL_CALLS]get_time[ARGS]{"tz":"UTC"}', content: '', calls: [W, T] },
  { parser: 'mistral', name: 'CALL_ID form', text: '[TOOL_CALLS]get_weather[CALL_ID]a1B2c3D4e[ARGS]{"city":"Paris"}', content: '', calls: [{ ...W, id: 'a1B2c3D4e' }] },
  { parser: 'mistral', name: 'prose before', text: 'Sure. [TOOL_CALLS][{"name":"get_time","arguments":{"tz":"UTC"}}]', content: 'Sure.', calls: [T] },
  { parser: 'mistral', name: 'garbage after marker released', text: '[TOOL_CALLS] nope, not a call', content: '[TOOL_CALLS] nope, not a call', calls: [] },
  // llama3_json
  { parser: 'llama3_json', name: 'plain text', text: 'The answer is {42}.', content: 'The answer is {42}.', calls: [] },
  { parser: 'llama3_json', name: 'parameters', text: '{"name": "get_weather", "parameters": {"city": "Paris"}}', content: '', calls: [W] },
  { parser: 'llama3_json', name: 'python tag and arguments', text: '<|python_tag|>{"name":"get_time","arguments":{"tz":"UTC"}}', content: '', calls: [T] },
  { parser: 'llama3_json', name: 'two calls with ;', text: '{"name":"get_weather","parameters":{"city":"Paris"}}; {"name":"get_time","parameters":{"tz":"UTC"}}', content: '', calls: [W, T] },
  { parser: 'llama3_json', name: 'JSON answer is content', text: '{"answer": 42, "name": "x"} ok', content: '{"answer": 42, "name": "x"} ok', calls: [] },
  { parser: 'llama3_json', name: 'unknown tool name is content', text: '{"name":"rm_rf","parameters":{}}', content: '{"name":"rm_rf","parameters":{}}', calls: [], toolNames: ['get_weather'] },
  { parser: 'llama3_json', name: 'cut-off call completed', text: ' {"name":"get_weather","parameters":{"city":"Paris"', content: '', calls: [{ ...W, truncated: true }] },
  { parser: 'llama3_json', name: 'python tag alone stays content', text: '<|python_tag|>', content: '<|python_tag|>', calls: [] },
  // none
  { parser: 'none', name: 'markers are content', text: '<tool_call>get_weather {"city":"Paris"}', content: '<tool_call>get_weather {"city":"Paris"}', calls: [] },
];

function run(c: Case, pieces: string[]): { content: string; calls: ParsedToolCall[] } {
  const p = createToolCallParser(c.parser, { toolNames: c.toolNames });
  let content = '';
  const calls: ParsedToolCall[] = [];
  for (const piece of [...pieces.map((x) => p.push(x)), p.finish()]) {
    content += piece.content;
    calls.push(...piece.calls);
  }
  return { content, calls };
}

for (const c of CASES) {
  test(`${c.parser}: ${c.name}`, () => {
    const expected = { content: c.content, calls: c.calls };
    assert.deepEqual(run(c, [c.text]), expected, 'whole');
    for (let i = 1; i < c.text.length; i++) {
      assert.deepEqual(run(c, [c.text.slice(0, i), c.text.slice(i)]), expected, `split at ${i}`);
    }
    assert.deepEqual(run(c, [...c.text]), expected, 'one character at a time');
  });
}

test('random multi-piece splits of every case agree with the whole run', () => {
  const arb = fc.integer({ min: 0, max: CASES.length - 1 }).chain((i) =>
    fc.tuple(fc.constant(CASES[i]), fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, CASES[i].text.length - 1) }), { maxLength: 8 })),
  );
  fc.assert(
    fc.property(arb, ([c, cuts]) => {
      const at = [0, ...cuts.sort((a, b) => a - b), c.text.length];
      const pieces = at.slice(1).map((end, k) => c.text.slice(at[k], end));
      assert.deepEqual(run(c, pieces), { content: c.content, calls: c.calls });
    }),
    { numRuns: 2000, seed: 6 },
  );
});

test('an unknown parser name lists the known ones', () => {
  assert.throws(() => createToolCallParser('nope'), /known: reframr, hermes, mistral, llama3_json, none/);
});
