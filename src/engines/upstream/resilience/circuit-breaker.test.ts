import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BreakerBoard, CircuitBreaker, type BreakerOptions, type BreakerState } from './circuit-breaker.js';

/** A breaker on a fake clock that the test moves by hand. */
function rig(opts: BreakerOptions = {}) {
  let now = 1_000_000;
  const changes: string[] = [];
  const breaker = new CircuitBreaker('a', {
    failureThreshold: 3,
    minimumRequests: 10,
    errorRateThreshold: 0.5,
    windowMs: 10_000,
    openMs: 5_000,
    now: () => now,
    onStateChange: (_n, from, to) => changes.push(`${from}->${to}`),
    ...opts,
  });
  const fail = (n = 1) => {
    for (let i = 0; i < n; i++) breaker.acquire()?.failure();
  };
  const ok = (n = 1) => {
    for (let i = 0; i < n; i++) breaker.acquire()?.success();
  };
  return { breaker, changes, fail, ok, tick: (ms: number) => (now += ms), now: () => now };
}

test('breaker: N consecutive failures open it; a success in between resets the count', () => {
  const { breaker, fail, ok } = rig();
  fail(2);
  ok();
  fail(2);
  assert.equal(breaker.state, 'closed');
  fail();
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.acquire(), null);
  const s = breaker.snapshot();
  assert.deepEqual([s.consecutiveFailures, s.totals.rejected, s.totals.opened, s.retryAt], [3, 1, 1, s.openedAt! + 5_000]);
});

test('breaker: open → half-open after the timeout → one probe → closed on success', () => {
  const { breaker, changes, fail, tick } = rig();
  fail(3);
  tick(4_999);
  assert.equal(breaker.state, 'open');
  tick(1);
  assert.equal(breaker.state, 'half_open');
  const probe = breaker.acquire();
  assert.equal(probe?.probe, true);
  assert.equal(breaker.acquire(), null, 'only one probe at a time');
  probe!.success();
  assert.equal(breaker.state, 'closed');
  assert.deepEqual(breaker.snapshot().window, { requests: 0, failures: 0, errorRate: 0 });
  assert.deepEqual(changes, ['closed->open', 'open->half_open', 'half_open->closed']);
});

test('breaker: a failed probe opens it again for a full timeout', () => {
  const { breaker, fail, tick, now } = rig();
  fail(3);
  tick(5_000);
  breaker.acquire()!.failure();
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.snapshot().openedAt, now());
  tick(4_999);
  assert.equal(breaker.state, 'open');
  tick(1);
  assert.equal(breaker.state, 'half_open');
});

test('breaker: a released probe frees the slot; a lost probe expires after the timeout', () => {
  const { breaker, fail, tick } = rig();
  fail(3);
  tick(5_000);
  breaker.acquire()!.release();
  const lost = breaker.acquire();
  assert.ok(lost);
  assert.equal(breaker.acquire(), null);
  tick(5_000);
  assert.ok(breaker.acquire(), 'a probe that never settled does not wedge the breaker');
});

test('breaker: error rate over the window opens it, but only with the minimum volume', () => {
  const { breaker, fail, ok } = rig({ failureThreshold: 100 });
  for (let i = 0; i < 4; i++) {
    fail();
    ok();
  }
  assert.equal(breaker.state, 'closed', '4/8 failed but below the minimum of 10 requests');
  ok();
  fail();
  assert.equal(breaker.state, 'open', '5/10 = 50% reaches the threshold');
});

test('breaker: failures older than the window no longer count toward the rate', () => {
  const { breaker, fail, ok, tick } = rig({ failureThreshold: 100 });
  fail(5);
  tick(11_000);
  ok(5);
  const s = breaker.snapshot();
  assert.deepEqual(s.window, { requests: 5, failures: 0, errorRate: 0 });
  assert.equal(s.state, 'closed');
});

test('breaker: settling a permit twice counts once; verdicts from before opening do not change an open circuit', () => {
  const { breaker, fail } = rig();
  const early = breaker.acquire()!;
  fail(3);
  early.success();
  early.failure();
  const s = breaker.snapshot();
  assert.equal(s.state, 'open');
  assert.deepEqual([s.totals.successes, s.totals.failures], [1, 3]);
});

test('breaker board: one breaker per target, snapshots for /health', () => {
  const board = new BreakerBoard({ failureThreshold: 1 });
  board.get('a').acquire()!.failure();
  board.get('b');
  const states: Array<[string, BreakerState]> = board.snapshot().map((s) => [s.name, s.state]);
  assert.deepEqual(states, [['a', 'open'], ['b', 'closed']]);
  assert.equal(board.get('a'), board.get('a'));
});
