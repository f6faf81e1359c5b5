/**
 * runTools against a real HTTP server: a tiny node:http fixture that answers like an OpenAI
 * chat endpoint from a script (the psr server is tested end to end elsewhere).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { PsrError } from '../core/errors.js';
import type { ChatMessage } from '../core/types.js';
import { ChatHttpError } from './chat-client.js';
import { runTools } from './run-tools.js';
import type { ToolSet } from './tool-set.js';

type Reply = { status?: number; body: unknown };
interface Seen { body: Record<string, unknown>; headers: IncomingHttpHeaders }

async function fakeChat(script: (body: Record<string, unknown>, n: number) => Reply) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ body, headers: req.headers });
      const reply = req.url === '/v1/chat/completions' ? script(body, seen.length) : { status: 404, body: { error: { message: 'no route' } } };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { baseURL, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const completion = (message: Record<string, unknown>, finish: string) => ({
  body: { id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish, logprobs: null }], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
});
const call = (id: string, name: string, args: string) => ({ id, type: 'function', function: { name, arguments: args } });

const TOOLS: ToolSet = {
  get_weather: {
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    run: (args: { city: string }) => ({ city: args.city, temperature: 21, unit: 'celsius' }),
  },
  boom: { run: () => { throw new Error('kaput'); } },
  shout: { parameters: { type: 'object', properties: { text: { type: 'string' } } }, run: (a: { text: string }) => a.text.toUpperCase() },
};
const USER: ChatMessage[] = [{ role: 'user', content: 'Weather in Paris?' }];

test('runs the requested tools, sends tool messages back and returns the answer', async () => {
  const srv = await fakeChat((body, n) =>
    n === 1
      ? completion({ content: null, tool_calls: [call('c1', 'get_weather', '{"city":"Paris"}'), call('c2', 'nope', '{}'), call('c3', 'boom', '{}'), call('c4', 'get_weather', '{"city":5}'), call('c5', 'shout', '{"text":"hi"}'), call('c6', 'shout', '{oops')] }, 'tool_calls')
      : completion({ content: `saw ${(body.messages as unknown[]).length} messages` }, 'stop'),
  );
  try {
    const r = await runTools({ baseURL: srv.baseURL, apiKey: 'sk-test', model: 'm', messages: USER, tools: TOOLS, toolChoice: 'required', temperature: 0 });
    assert.equal(r.message.content, 'saw 8 messages');
    assert.equal(r.stoppedBy, 'answer');
    assert.equal(r.rounds, 2);
    assert.deepEqual(r.usage, { prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 });
    const tools = r.messages.filter((m) => m.role === 'tool');
    assert.deepEqual(tools.map((m) => [m.tool_call_id, m.content]), [
      ['c1', '{"city":"Paris","temperature":21,"unit":"celsius"}'],
      ['c2', '{"ok":false,"error":"tool not registered: nope"}'],
      ['c3', '{"ok":false,"error":"kaput"}'],
      ['c4', '{"ok":false,"error":"invalid arguments: arguments/city must be string"}'],
      ['c5', '{"ok":true,"content":"HI"}'],
      ['c6', tools[5].content],
    ]);
    assert.match(String(tools[5].content), /^\{"ok":false,"error":"arguments are not valid JSON/);
    assert.deepEqual(r.toolRuns.map((t) => t.ok), [true, false, false, false, true, false]);
    const [first, second] = srv.seen;
    assert.equal(first.headers.authorization, 'Bearer sk-test');
    assert.equal(first.body.tool_choice, 'required');
    assert.equal(first.body.temperature, 0);
    assert.deepEqual((first.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name), ['get_weather', 'boom', 'shout']);
    assert.equal(second.body.tool_choice, undefined, 'later rounds must not force a tool again');
    assert.deepEqual((second.body.messages as ChatMessage[])[1], { role: 'assistant', content: null, tool_calls: (r.messages[1] as ChatMessage).tool_calls });
  } finally {
    await srv.close();
  }
});

test('stops after maxRounds when the model keeps calling tools', async () => {
  const srv = await fakeChat((_b, n) => completion({ content: '', tool_calls: [call(`c${n}`, 'shout', '{"text":"again"}')] }, 'tool_calls'));
  try {
    const r = await runTools({ baseURL: srv.baseURL, model: 'm', messages: USER, tools: TOOLS, maxRounds: 3 });
    assert.equal(r.stoppedBy, 'max_rounds');
    assert.equal(srv.seen.length, 3);
    assert.equal(r.toolRuns.length, 2);
    assert.deepEqual(r.message.tool_calls?.map((c) => c.id), ['c3']);
  } finally {
    await srv.close();
  }
});

test('the official openai client works as the client', async () => {
  const srv = await fakeChat((_b, n) => (n === 1 ? completion({ content: null, tool_calls: [call('c1', 'get_weather', '{"city":"Oslo"}')] }, 'tool_calls') : completion({ content: 'Oslo: 21' }, 'stop')));
  try {
    const openai = new OpenAI({ baseURL: srv.baseURL, apiKey: 'k', maxRetries: 0 });
    // The SDK's overloaded create() wants its own param types; a one-line adapter bridges them.
    const client = { create: (body: Record<string, unknown>, o?: { signal?: AbortSignal }) => openai.chat.completions.create(body as never, o) };
    const r = await runTools({ client, model: 'm', messages: USER, tools: TOOLS });
    assert.equal(r.message.content, 'Oslo: 21');
    assert.equal(r.messages.at(-2)?.content, '{"city":"Oslo","temperature":21,"unit":"celsius"}');
  } finally {
    await srv.close();
  }
});

test('server errors, bad tool definitions and aborts surface as errors', async () => {
  const srv = await fakeChat(() => ({ status: 400, body: { error: { message: "Invalid 'tools[0].function.name'", type: 'invalid_request_error', param: 'tools[0].function.name', code: 'invalid_value' } } }));
  try {
    await assert.rejects(runTools({ baseURL: srv.baseURL, model: 'm', messages: USER, tools: TOOLS }), (e: unknown) => e instanceof ChatHttpError && e.status === 400 && /tools\[0\]/.test(e.message));
    await assert.rejects(runTools({ baseURL: srv.baseURL, model: 'm', messages: USER, tools: { 'bad name': { run: () => 1 } } }), (e: unknown) => e instanceof PsrError && e.param === 'tools[0].function.name');
    await assert.rejects(runTools({ baseURL: srv.baseURL, model: 'm', messages: USER, tools: TOOLS, signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.equal(srv.seen.length, 1, 'only the first call reached the server');
  } finally {
    await srv.close();
  }
});
