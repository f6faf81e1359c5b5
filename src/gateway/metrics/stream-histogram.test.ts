/** StreamHistogram exports exactly the text prom-client's Histogram exports for the same observations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Histogram, Registry } from 'prom-client';
import { StreamHistogram } from './stream-histogram.js';

const BUCKETS = [0.001, 0.01, 0.1, 1];
const CASES: Array<{ name: string; observations: Array<[Record<'model' | 'engine', string>, number]> }> = [
  { name: 'nothing observed', observations: [] },
  { name: 'one series, on and between bounds, above the last', observations: [[{ model: 'm', engine: 'e' }, 0.001], [{ model: 'm', engine: 'e' }, 0.05], [{ model: 'm', engine: 'e' }, 7]] },
  {
    name: 'several series, in first-seen order',
    observations: [[{ model: 'b', engine: 'e' }, 0.2], [{ model: 'a', engine: 'x' }, 0], [{ model: 'b', engine: 'e' }, 0.0005], [{ model: 'a', engine: 'x' }, 1]],
  },
];

for (const c of CASES) {
  test(`StreamHistogram matches prom-client: ${c.name}`, async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const opts = { name: 'h_seconds', help: 'help text', labelNames: ['model', 'engine'] as const, buckets: BUCKETS };
    const fast = new StreamHistogram({ ...opts, registers: [ours] });
    const slow = new Histogram({ ...opts, labelNames: [...opts.labelNames], registers: [theirs] });
    for (const [labels, value] of c.observations) {
      fast.labels(labels).observe(value);
      slow.observe(labels, value);
    }
    assert.equal(await ours.metrics(), await theirs.metrics());
  });
}

test('StreamHistogram: reset zeroes the series children keep counting into; non-finite values are dropped', async () => {
  const registry = new Registry();
  const h = new StreamHistogram({ name: 'h', help: 'h', labelNames: ['model'], buckets: BUCKETS, registers: [registry] });
  const child = h.labels({ model: 'm' });
  child.observe(0.5);
  child.observe(Number.NaN);
  assert.match(await registry.metrics(), /h_count\{model="m"\} 1/);
  h.reset();
  assert.doesNotMatch(await registry.metrics(), /h_count/);
  child.observe(0.5);
  assert.match(await registry.metrics(), /h_count\{model="m"\} 1/);
});
