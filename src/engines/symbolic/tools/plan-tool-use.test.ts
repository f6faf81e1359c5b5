/** The symbolic engine's tool step end to end over GenerateRequests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, GenerateRequest, ToolChoice } from '../../../core/types.js';
import { ALL, TOOLS } from './fixtures/tools.js';
import { planToolUse, toolPlanEvents, type ToolPlan } from './plan-tool-use.js';

const NOW = new Date('2026-11-21T10:00:00Z');
const req = (messages: ChatMessage[], toolChoice?: ToolChoice, tools = ALL): GenerateRequest => ({
  model: 'psr-symbolic', input: { kind: 'chat', messages }, n: 1, stop: [], sampling: {}, extra: {}, tools, toolChoice,
});
const user = (content: string): ChatMessage => ({ role: 'user', content });
/** The calls of a plan as [name, parsed arguments] pairs, or the plan's kind. */
const callsOf = (plan: ToolPlan): Array<[string, unknown]> | string => (plan.kind === 'call' ? plan.calls.map((c) => [c.name, JSON.parse(c.arguments)]) : plan.kind);

test('a fitting tool with everything it needs is called with schema-valid arguments', () => {
  const plan = planToolUse(req([{ role: 'system', content: 'be brief' }, user("What's the weather in Paris tomorrow?")]), { now: NOW });
  assert.deepEqual(callsOf(plan), [['get_weather', { location: 'Paris', date: '2026-11-22' }]]);
  assert.deepEqual(toolPlanEvents(plan, 0, () => 'call_x'), [
    { type: 'tool_call', choice: 0, index: 0, id: 'call_x', name: 'get_weather', argumentsDelta: '' },
    { type: 'tool_call', choice: 0, index: 0, argumentsDelta: '{"location":"Paris","date":"2026-11-22"}' },
    { type: 'finish', choice: 0, reason: 'tool_calls' },
  ]);
});

test('a missing required value is asked for, even when a tool is required', () => {
  for (const choice of ['auto', 'required', { type: 'function', function: { name: 'book_flight' } }] as ToolChoice[]) {
    const plan = planToolUse(req([user('Book a flight to Rome')], choice), { now: NOW });
    assert.equal(plan.kind, 'ask');
    assert.match(plan.kind === 'ask' ? plan.text : '', /^To book flight I need the origin and the departure date\./);
  }
});

test('tool results in the conversation are answered; chit-chat and none leave the turn alone', () => {
  const asked: ChatMessage = { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] };
  const plan = planToolUse(req([user('weather in Paris'), asked, { role: 'tool', tool_call_id: 'c1', content: '{"temperature":21}' }], 'none'));
  assert.deepEqual(plan, { kind: 'answer', text: 'Result of get weather: temperature: 21.' });
  assert.deepEqual(toolPlanEvents(plan, 1, () => 'x'), [{ type: 'content', choice: 1, text: plan.kind === 'answer' ? plan.text : '' }, { type: 'finish', choice: 1, reason: 'stop' }]);
  assert.deepEqual(planToolUse(req([user('How are you?')])), { kind: 'none' });
  assert.deepEqual(planToolUse(req([user('weather in Paris')], 'none')), { kind: 'none' });
  assert.deepEqual(planToolUse(req([user('weather in Paris')], 'auto', [])), { kind: 'none' });
  assert.deepEqual(toolPlanEvents({ kind: 'none' }, 0, () => 'x'), []);
  const text: GenerateRequest = { ...req([]), input: { kind: 'text', prompt: 'Convert 5 USD to EUR' }, tools: [TOOLS.convert_currency] };
  assert.deepEqual(callsOf(planToolUse(text)), [['convert_currency', { amount: 5, from_currency: 'USD', to_currency: 'EUR' }]]);
});

test('a reply to the question for a missing value continues the earlier request', () => {
  const first = user('Book a flight to Rome');
  const question = planToolUse(req([first]), { now: NOW });
  assert.equal(question.kind, 'ask');
  const asked: ChatMessage = { role: 'assistant', content: question.kind === 'ask' ? question.text : '' };
  const more = planToolUse(req([first, asked, user('From Oslo, next Friday')]), { now: NOW });
  assert.deepEqual(callsOf(more), [['book_flight', { origin: 'Oslo', destination: 'Rome', departure_date: '2026-11-27' }]]);
  const weather = user("What's the weather like?");
  const where: ChatMessage = { role: 'assistant', content: 'To get weather I need the location. What location should I use?' };
  const paris = planToolUse(req([weather, where, user('paris')]), { now: NOW });
  assert.deepEqual(callsOf(paris), [['get_weather', { location: 'paris' }]]);
  // A new, unrelated message is not glued to the old request.
  assert.deepEqual(planToolUse(req([weather, where, user('never mind, how are you?')]), { now: NOW }), { kind: 'none' });
});

test('clauses that each ask for a tool become parallel calls, unless parallel calls are off', () => {
  const CASES: Array<[string, Array<[string, unknown]> | string]> = [
    ["What's the weather in Paris and the stock price of AAPL?", [['get_weather', { location: 'Paris' }], ['get_stock_price', { symbol: 'AAPL' }]]],
    ['weather in Paris and Rome', [['get_weather', { location: 'Paris' }], ['get_weather', { location: 'Rome' }]]],
    ['Convert 5 USD to EUR; then set a timer for 2 minutes', [['convert_currency', { amount: 5, from_currency: 'USD', to_currency: 'EUR' }], ['setTimer', { duration_seconds: 120 }]]],
    ['Send an email to bob@example.com saying tests and builds pass', [['send_email', { to: 'bob@example.com', body: 'tests and builds pass' }]]],
    ['weather in Paris and how are you?', [['get_weather', { location: 'Paris' }]]],
  ];
  for (const [text, expected] of CASES) assert.deepEqual(callsOf(planToolUse(req([user(text)]), { now: NOW })), expected, text);
  const off = { ...req([user('weather in Paris and Rome')]), parallelToolCalls: false };
  assert.deepEqual(callsOf(planToolUse(off, { now: NOW })), [['get_weather', { location: 'Paris' }]]);
  const events = toolPlanEvents(planToolUse(req([user('weather in Paris and Rome')])), 0, () => 'id');
  assert.deepEqual(events.map((e) => (e.type === 'tool_call' ? `${e.index}:${e.name ?? ''}:${e.argumentsDelta}` : e.type)), ['0:get_weather:', '0::{"location":"Paris"}', '1:get_weather:', '1::{"location":"Rome"}', 'finish']);
});
