/** Which offered tool fits a request, and when none does: one table, negatives included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectTool, rankTools } from './select-tool.js';
import { ALL, TOOLS } from './fixtures/tools.js';

const CASES: Array<[string, string | null]> = [
  ["What's the weather in Paris?", 'get_weather'],
  ['Will it rain tomorrow in New York?', 'get_weather'],
  ['what is the temperature in celsius in oslo', 'get_weather'],
  ['Do I need an umbrella in London today?', 'get_weather'],
  ['search the web for cheap flights to Rome', 'search_web'],
  ['Look up Marie Curie', 'search_web'],
  ['Book a flight from Lyon to Lisbon on March 5', 'book_flight'],
  ['I want to fly to Tokyo next Friday', 'book_flight'],
  ['Convert 30 USD to EUR', 'convert_currency'],
  ['How much is 100 euros in yen?', 'convert_currency'],
  ['Set a timer for 5 minutes', 'setTimer'],
  ["What's AAPL's stock price?", 'get_stock_price'],
  ["Translate 'good morning' into Spanish", 'translate_text'],
  ['Send an email to bob@example.com saying hi', 'send_email'],
  ['Plan a driving route avoiding tolls', 'plan_route'],
  ['Create a calendar event for Monday at 3pm', 'create_event'],
  ['Schedule a meeting with Dana on Friday', 'create_event'],
  // negatives: chit-chat and near misses must not trigger a tool
  ['Hello!', null],
  ['How are you today?', null],
  ['Thanks, that was helpful!', null],
  ['Tell me a joke', null],
  ['I love this city', null],
  ['What is the meaning of life?', null],
  ['Can you get me something?', null],
  ['Who wrote Hamlet?', null],
  ['', null],
];

for (const [text, expected] of CASES) {
  test(`auto: ${JSON.stringify(text)} → ${expected ?? 'no tool'}`, () => {
    const hit = selectTool(text, ALL, 'auto');
    assert.equal(hit?.tool.function.name ?? null, expected, JSON.stringify(rankTools(text, ALL).slice(0, 2).map((m) => [m.tool.function.name, m.score, m.matched])));
    if (hit) assert.equal(hit.forced, false);
  });
}

test('tool_choice none, named and required', () => {
  assert.equal(selectTool("What's the weather in Paris?", ALL, 'none'), null);
  const named = selectTool('Hello!', ALL, { type: 'function', function: { name: 'search_web' } });
  assert.deepEqual([named?.tool.function.name, named?.forced], ['search_web', true]);
  assert.equal(selectTool('Hello!', ALL, { type: 'function', function: { name: 'not_offered' } }), null);
  const required = selectTool('Hello!', ALL, 'required');
  assert.deepEqual([required?.tool.function.name, required?.forced], ['get_weather', true], 'the first offered tool when nothing matches');
  assert.equal(selectTool('Convert 5 USD to EUR', ALL, 'required')?.tool.function.name, 'convert_currency');
  assert.equal(selectTool('anything', [], 'required'), null);
});

test('rarity across the offered tools decides between similar tools', () => {
  const onlyWeather = selectTool('weather please', [TOOLS.get_weather]);
  assert.equal(onlyWeather?.tool.function.name, 'get_weather');
  const ranked = rankTools('book a flight', [TOOLS.plan_route, TOOLS.book_flight, TOOLS.search_web]);
  assert.equal(ranked[0].tool.function.name, 'book_flight');
  assert.ok(ranked[0].score > ranked[1].score);
});
