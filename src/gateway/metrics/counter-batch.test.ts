/**
 * A Counter fed through a CounterBatch exports the samples a Counter incremented directly
 * exports, across scrapes. Only the order of the series may differ (a batched series appears
 * when it is first flushed); Prometheus reads samples by their labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Registry } from 'prom-client';
import { CounterBatch } from './counter-batch.js';

const lines = (text: string) => text.split('\n').sort();

test('CounterBatch: the same text as direct increments, scrape after scrape, alongside direct increments', async () => {
  const ours = new Registry();
  const theirs = new Registry();
  const batch = new CounterBatch<'route' | 'status'>(['route', 'status']);
  const opts = { name: 'requests_total', help: 'help text', labelNames: ['route', 'status'] as Array<'route' | 'status'> };
  const fed = new Counter({ ...opts, registers: [ours], collect() { batch.flushInto(this); } });
  const direct = new Counter({ ...opts, registers: [theirs] });
  const a = batch.child({ route: '/a', status: '200' });
  const rounds: Array<Array<[Record<'route' | 'status', string>, number]>> = [
    [[{ route: '/a', status: '200' }, 1], [{ route: '/b', status: '404' }, 3], [{ route: '/a', status: '200' }, 2]],
    [],
    [[{ route: '/b', status: '404' }, 1], [{ route: '/c', status: '500' }, 5]],
  ];
  for (const round of rounds) {
    for (const [labels, n] of round) {
      (labels.route === '/a' ? a : batch.child(labels)).inc(n);
      direct.inc(labels, n);
    }
    // An increment made on the counter itself still adds up with the batched ones.
    fed.inc({ route: '/d', status: '200' });
    direct.inc({ route: '/d', status: '200' });
    assert.deepEqual(lines(await ours.metrics()), lines(await theirs.metrics()));
  }
  assert.match(await ours.metrics(), /requests_total\{route="\/a",status="200"\} 3/);
});
