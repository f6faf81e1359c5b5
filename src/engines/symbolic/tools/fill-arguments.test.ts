/** Arguments filled from requests by each tool's schema; missing required values are reported, never invented. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argumentErrors } from './args-schema.js';
import { fillArguments } from './fill-arguments.js';
import { TOOLS } from './fixtures/tools.js';

const NOW = new Date('2026-11-21T10:00:00Z'); // a Saturday

const CASES: Array<[string, string, Record<string, unknown>, string[]]> = [
  ['get_weather', "What's the weather in Paris?", { location: 'Paris' }, []],
  ['get_weather', 'Will it rain tomorrow in New York? Answer in fahrenheit', { location: 'New York', unit: 'fahrenheit', date: '2026-11-22' }, []],
  ['get_weather', 'weather in oslo in celsius with the forecast', { location: 'oslo', unit: 'celsius', include_forecast: true }, []],
  ['get_weather', 'Weather for São Paulo on 2026-12-24, no forecast', { location: 'São Paulo', include_forecast: false, date: '2026-12-24' }, []],
  ['get_weather', "What's the weather like?", {}, ['location']],
  ['get_weather', 'weather next Monday', { date: '2026-11-23' }, ['location']],
  ['search_web', 'search the web for cheap flights to Rome', { query: 'cheap flights to Rome' }, []],
  ['search_web', 'Look up "Marie Curie" and give me 5 results', { query: 'Marie Curie', max_results: 5 }, []],
  ['search_web', 'search something please', {}, ['query']],
  ['send_email', 'Send an email to bob@example.com saying the build is green', { to: 'bob@example.com', body: 'the build is green' }, []],
  ['send_email', 'email Alice that lunch is at noon', {}, ['to', 'body']],
  ['send_email', 'Mail ann@x.org with subject "Q3 plan": see the attached draft', { to: 'ann@x.org', subject: 'Q3 plan', body: 'see the attached draft' }, []],
  ['book_flight', 'Book a flight from Lyon to Lisbon on March 5 for 2 passengers in business', { origin: 'Lyon', destination: 'Lisbon', departure_date: '2026-03-05', passengers: 2, cabin: 'business' }, []],
  ['book_flight', 'book a flight to Rome', { destination: 'Rome' }, ['origin', 'departure_date']],
  ['book_flight', 'fly from Oslo to Bergen tomorrow, economy, 0 passengers', { origin: 'Oslo', destination: 'Bergen', departure_date: '2026-11-22', cabin: 'economy' }, []],
  ['convert_currency', 'Convert 30 USD to EUR', { amount: 30, from_currency: 'USD', to_currency: 'EUR' }, []],
  ['convert_currency', 'How much is $12.50 in pounds?', { amount: 12.5, from_currency: 'USD', to_currency: 'GBP' }, []],
  ['convert_currency', 'convert dollars to euros', { from_currency: 'USD', to_currency: 'EUR' }, ['amount']],
  ['set_timer', 'Set a timer for 5 minutes', { duration_seconds: 300 }, []],
  ['set_timer', 'set a tea timer for ninety seconds labelled "tea"', { duration_seconds: 90, label: 'tea' }, []],
  ['set_timer', 'start a timer', {}, ['duration_seconds']],
  ['get_stock_price', "What's AAPL trading at?", { symbol: 'AAPL' }, []],
  ['translate_text', "Translate 'good morning' from English into Spanish", { text: 'good morning', target_language: 'Spanish', source_language: 'English' }, []],
  ['translate_text', 'translate this to German', { target_language: 'German' }, ['text']],
  ['plan_route', 'Plan a route of 20 km without tolls, with a stop in Ghent', { distance_km: 20, avoid_tolls: true, stop: { city: 'Ghent' } }, []],
  ['plan_route', 'plan a 10 mile route and use toll roads', { distance_km: 16.09344, avoid_tolls: false }, []],
  ['create_event', 'Create a meeting titled "Sprint review" next Monday at 3pm', { title: 'Sprint review', start: '2026-11-23T15:00:00' }, []],
  ['create_event', 'create an event tomorrow', {}, ['title', 'start']],
];

for (const [tool, text, args, missing] of CASES) {
  test(`${tool}: ${text}`, () => {
    const schema = TOOLS[tool].function.parameters;
    const got = fillArguments(text, schema, { now: NOW });
    assert.deepEqual(got, { args, missing });
    if (missing.length === 0) assert.deepEqual(argumentErrors(schema, got.args), [], 'complete arguments validate against the schema');
  });
}

test('a schema default fills a required value the request lacks; an out-of-range number is not used', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 10 }, mode: { type: 'string', enum: ['a', 'b'], default: 'a' } }, required: ['n', 'mode'] };
  assert.deepEqual(fillArguments('use 42 please', schema, { now: NOW }), { args: { mode: 'a' }, missing: ['n'] });
  assert.deepEqual(fillArguments('use 7 in mode b', schema, { now: NOW }), { args: { n: 7, mode: 'b' }, missing: [] });
  assert.deepEqual(fillArguments('anything', undefined), { args: {}, missing: [] });
});
