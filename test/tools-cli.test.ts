/**
 * `psr chat --tools <module>` as a child process against psr serve's wiring with the symbolic
 * engine: the engine calls the module's get_weather with arguments from the prompt, psr chat
 * runs it locally, and the follow-up answer words the result.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChat } from './client-harness.js';
import { startGateway, type GatewayStack } from './helpers/gateway-stack.js';

let stack: GatewayStack;
before(async () => {
  stack = await startGateway();
});
after(() => stack?.close());

const chat = (args: string[]) => runChat(args);

const CASES = [
  { prompt: 'What is the weather in Paris?', call: /\[tool call\] get_weather \{"city":"Paris"\}/, answer: /\[answer\].*22.*sunny/s },
  { prompt: 'How warm is it in Oslo in fahrenheit?', call: /\[tool call\] get_weather \{"city":"Oslo","unit":"fahrenheit"\}/, answer: /\[answer\].*72/s },
];

test('psr chat --tools runs the symbolic engine\'s calls locally and prints the answer from the result', async () => {
  for (const c of CASES) {
    const r = await chat(['--url', stack.url, '--model', 'psycho-symbolic-v1', '--tools', 'test/fixtures/tools-weather.mjs', '-p', c.prompt]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, c.call);
    assert.match(r.stdout, /\[tool result\] get_weather → \{"city":/);
    assert.match(r.stdout, c.answer);
  }
});
