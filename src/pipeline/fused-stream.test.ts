/** FusedStream: runs fused into one layer keep the order and ending rules of the generator chain they replace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineEvent } from '../core/types.js';
import { fuse, FusedStream, type StageRun } from './fused-stream.js';

const c = (text: string): EngineEvent => ({ type: 'content', choice: 0, text });
const texts = (evs: EngineEvent[]) => evs.map((e) => (e.type === 'content' ? e.text : e.type));

/** A source that logs its life: pulls, the end of its body, a return. */
function source(items: string[], log: string[], opts: { failAt?: number; pauseMs?: number; signal?: AbortSignal } = {}): AsyncIterable<EngineEvent> {
  return (async function* () {
    try {
      for (let i = 0; i < items.length; i++) {
        if (opts.pauseMs) await sleep(opts.pauseMs, undefined, { signal: opts.signal });
        if (i === opts.failAt) throw new Error('source failed');
        log.push(`pull ${items[i]}`);
        yield c(items[i]!);
      }
    } finally {
      log.push('source finally');
    }
  })();
}

async function collect(events: AsyncIterable<EngineEvent>): Promise<{ out: EngineEvent[]; error?: string }> {
  const out: EngineEvent[] = [];
  try {
    for await (const ev of events) out.push(ev);
    return { out };
  } catch (error) {
    return { out, error: (error as Error).message };
  }
}

/** Doubles each text; emits "end:<name>" when its input ends; logs its close. */
function doubler(name: string, log: string[]): StageRun {
  return {
    push: (ev, out) => out.push(ev.type === 'content' ? c(ev.text + ev.text) : ev),
    end: (out) => out.push(c(`end:${name}`)),
    close: (complete) => void log.push(`close ${name} ${complete}`),
  };
}

test('runs apply innermost first; ends flow through the runs after them; closes run innermost first, once', async () => {
  const log: string[] = [];
  const s = fuse(fuse(source(['a', 'b'], log), doubler('x', log)), doubler('y', log));
  const { out } = await collect(s);
  assert.deepEqual(texts(out), ['aaaa', 'bbbb', 'end:xend:x', 'end:y']);
  assert.deepEqual(log, ['pull a', 'pull b', 'source finally', 'close x true', 'close y true']);
});

test('a run that is done closes the source; runs after it still end; runs before it do not', async () => {
  const log: string[] = [];
  const stopAtB: StageRun = { push: (ev, out) => (ev.type === 'content' && ev.text === 'b' ? true : void out.push(ev)), end: (out) => out.push(c('never')) };
  const s = new FusedStream(source(['a', 'b', 'c'], log)).add({ push: (ev, out) => out.push(ev), end: (out) => out.push(c('inner end')) }).add(stopAtB).add(doubler('outer', log));
  const { out } = await collect(s);
  assert.deepEqual(texts(out), ['aa', 'end:outer']);
  assert.deepEqual(log, ['pull a', 'pull b', 'source finally', 'close outer true']);
});

test('a failing source fails the stream; every run is closed, incomplete', async () => {
  const log: string[] = [];
  const { out, error } = await collect(fuse(source(['a', 'b'], log, { failAt: 1 }), doubler('x', log)));
  assert.deepEqual(texts(out), ['aa']);
  assert.equal(error, 'source failed');
  assert.deepEqual(log, ['pull a', 'source finally', 'close x false']);
});

test('a failing run returns the source and closes the runs', async () => {
  const log: string[] = [];
  const boom: StageRun = {
    push(ev, out) {
      if (ev.type === 'content' && ev.text === 'b') throw new Error('run failed');
      out.push(ev);
    },
  };
  const { out, error } = await collect(new FusedStream(source(['a', 'b', 'c'], log)).add(boom).add(doubler('x', log)));
  assert.deepEqual(texts(out), ['aa']);
  assert.equal(error, 'run failed');
  assert.deepEqual(log, ['pull a', 'pull b', 'source finally', 'close x false']);
});

test('a run factory error surfaces on the first pull, before the source is pulled or outer starts run', async () => {
  const log: string[] = [];
  const s = new FusedStream(source(['a'], log))
    .add({ start: () => { throw new Error('bad config'); } })
    .add({ start: () => void log.push('outer start'), close: () => void log.push('outer close') });
  const { error } = await collect(s);
  assert.equal(error, 'bad config');
  assert.deepEqual(log, ['outer start', 'outer close']);
});

test('the consumer stopping early returns the source and closes the runs, incomplete', async () => {
  const log: string[] = [];
  const s = fuse(source(['a', 'b', 'c'], log), doubler('x', log));
  for await (const ev of s) {
    assert.deepEqual(texts([ev]), ['aa']);
    break;
  }
  assert.deepEqual(log, ['pull a', 'source finally', 'close x false']);
});

test('start events go out first; a held start waits for the first pull and lets an early failure win', async () => {
  const log: string[] = [];
  const greeter = (hold: boolean): StageRun => ({ holdStart: hold, start: (out) => out.push(c('hello')) });
  assert.deepEqual(texts((await collect(fuse(source(['a'], log), greeter(false)))).out), ['hello', 'a']);
  assert.deepEqual(texts((await collect(fuse(source(['a'], log), greeter(true)))).out), ['hello', 'a']);
  const failed = await collect(fuse(source(['a'], log, { failAt: 0 }), greeter(true)));
  assert.deepEqual(failed, { out: [], error: 'source failed' });
});

test('interrupt rejects the pull in progress at once and returns the source without waiting', async () => {
  const log: string[] = [];
  const engine = new AbortController();
  const s = new FusedStream(source(['a', 'b'], log, { pauseMs: 60_000, signal: engine.signal })).interruptible().add(doubler('x', log));
  const run = collect(s);
  await sleep(10);
  s.interrupt(new Error('deadline'));
  const { out, error } = await run;
  assert.deepEqual(out, []);
  assert.equal(error, 'deadline');
  assert.deepEqual(log, ['close x false']);
  engine.abort(); // the stuck source, still waiting, ends only now
  await sleep(1);
  assert.deepEqual(log, ['close x false', 'source finally']);
});

test('an iterated stream takes no more runs: fuse wraps it instead', async () => {
  const log: string[] = [];
  const inner = fuse(source(['a'], log), doubler('x', log)) as FusedStream;
  const it = inner[Symbol.asyncIterator]();
  assert.equal(inner.open, false);
  const outer = fuse(it, doubler('y', log));
  assert.notEqual(outer, inner);
  assert.deepEqual(texts((await collect(outer)).out), ['aaaa', 'end:xend:x', 'end:y']);
});

test('the source clock adds up the time spent waiting on the source', async () => {
  const clock = { engineMs: 0 };
  await collect(new FusedStream(source(['a', 'b'], [], { pauseMs: 20 })).timeSource(clock));
  assert.ok(clock.engineMs >= 30, `engineMs ${clock.engineMs}`);
});

/** A source that decodes `reads` network reads: the first event of each comes from next(), the rest are held (ReadyEvents). */
function batchedSource(reads: string[][], log: string[]): AsyncIterator<EngineEvent> & { takeReady(): EngineEvent | undefined } {
  const held: EngineEvent[] = [];
  let read = 0;
  return {
    async next() {
      if (held.length) return { done: false, value: held.shift()! };
      if (read === reads.length) return { done: true, value: undefined };
      const [first, ...rest] = reads[read++]!;
      log.push(`read ${read}`);
      held.push(...rest.map(c));
      return { done: false, value: c(first!) };
    },
    takeReady: () => held.shift(),
    async return() {
      log.push('return');
      return { done: true, value: undefined };
    },
  };
}

test('held events of one read go through the runs without a pull each, in order, and the consumer can take them the same way', async () => {
  const log: string[] = [];
  const src = batchedSource([['a', 'b', 'c'], ['d', 'e']], log);
  const stream = new FusedStream({ [Symbol.asyncIterator]: () => src }).add(doubler('x', log));
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  assert.deepEqual(texts([first.value as EngineEvent]), ['aa']);
  // b and c were held by the source: they are ready for the consumer now, no await.
  assert.deepEqual([stream.takeReady(), stream.takeReady()].map((e) => (e as { text: string }).text), ['bb', 'cc']);
  assert.equal(stream.takeReady(), undefined);
  assert.deepEqual(log, ['read 1']);
  const { out } = await collect({ [Symbol.asyncIterator]: () => it });
  assert.deepEqual(texts(out), ['dd', 'ee', 'end:x']);
});

test('a run that is done stops taking held events, as it stops pulling', async () => {
  const log: string[] = [];
  const src = batchedSource([['a', 'STOP', 'b', 'c']], log);
  const stopAt: StageRun = { push: (ev, out) => (ev.type === 'content' && ev.text === 'STOP' ? true : (out.push(ev), false)) };
  const { out } = await collect(new FusedStream({ [Symbol.asyncIterator]: () => src }).add(stopAt));
  assert.deepEqual(texts(out), ['a']);
  assert.deepEqual(log, ['read 1', 'return']);
});
