import { test } from 'node:test';
import assert from 'node:assert/strict';
import { psrError } from '../../../core/errors.js';
import { networkError, statusError } from '../errors.js';
import { classifyFailure, parseRetryAfter, UpstreamHttpError, type FailureInfo } from './failure.js';
import { backoffDelay, retryDelay, sleep } from './retry.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const netErr = (code: string) => Object.assign(new Error(code), { code });

const CASES: Array<[string, unknown, Partial<FailureInfo>]> = [
  ['503 is retried and counted', new UpstreamHttpError('a', 503, 'busy'), { retryable: true, countsAgainstTarget: true, status: 503 }],
  ['502 and 504 too', new UpstreamHttpError('a', 502, ''), { retryable: true, countsAgainstTarget: true }],
  ['500 counts but is not retried', new UpstreamHttpError('a', 500, ''), { retryable: false, countsAgainstTarget: true }],
  ['429 is retried, not counted, Retry-After read', new UpstreamHttpError('a', 429, '', { retryAfter: '3' }), { retryable: true, countsAgainstTarget: false, retryAfterMs: 3000 }],
  ['400 is the client’s fault', new UpstreamHttpError('a', 400, 'bad'), { retryable: false, countsAgainstTarget: false }],
  ['401 from upstream is not counted', new UpstreamHttpError('a', 401, ''), { retryable: false, countsAgainstTarget: false }],
  ['foreign error with status + retry-after-ms', Object.assign(new Error('x'), { status: 429, headers: { 'retry-after-ms': '1500' } }), { retryable: true, retryAfterMs: 1500 }],
  ['foreign error with a Headers object', Object.assign(new Error('x'), { status: 503, headers: new Headers({ 'retry-after': '2' }) }), { retryable: true, retryAfterMs: 2000 }],
  ['connection refused', netErr('ECONNREFUSED'), { retryable: true, countsAgainstTarget: true }],
  ['undici wraps socket errors in cause', new TypeError('fetch failed', { cause: netErr('UND_ERR_SOCKET') }), { retryable: true, countsAgainstTarget: true }],
  ['psr upstream_timeout', psrError('upstream_timeout', 't'), { retryable: true, countsAgainstTarget: true }],
  ['psr circuit_open moves on without counting', psrError('circuit_open', 'o'), { retryable: true, countsAgainstTarget: false }],
  ['psr invalid_request', psrError('invalid_request', 'x'), { retryable: false, countsAgainstTarget: false }],
  ['psr model_not_found', psrError('model_not_found', 'x'), { retryable: false, countsAgainstTarget: false }],
  ['psr upstream_error (500/502/reset, status unknown)', psrError('upstream_error', 'x'), { retryable: true, countsAgainstTarget: true }],
  ['psr rate_limit_exceeded with Retry-After', psrError('rate_limit_exceeded', 'x', { headers: { 'retry-after': '4' } }), { retryable: true, countsAgainstTarget: false, retryAfterMs: 4000 }],
  ['unknown error counts, no retry', new Error('bad json'), { retryable: false, countsAgainstTarget: true }],
];

for (const [name, err, want] of CASES) {
  test(`classify: ${name}`, () => {
    const got = classifyFailure(err, undefined, NOW);
    for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof FailureInfo], v, k);
  });
}

test('classify: an aborted caller signal is nobody’s fault', () => {
  const ctl = new AbortController();
  ctl.abort();
  assert.deepEqual(classifyFailure(netErr('ECONNRESET'), ctl.signal), { retryable: false, countsAgainstTarget: false });
});

test('UpstreamHttpError: maps status to the client-facing code and forwards Retry-After on 429', () => {
  const e = new UpstreamHttpError('vllm', 429, 'slow down', { retryAfter: '7' });
  assert.deepEqual([e.code, e.status, e.headers['retry-after']], ['rate_limit_exceeded', 429, '7']);
  assert.match(e.message, /Upstream 'vllm' returned HTTP 429: slow down/);
  assert.deepEqual([new UpstreamHttpError('v', 503, '').status, new UpstreamHttpError('v', 504, '').code, new UpstreamHttpError('v', 422, '').status], [503, 'upstream_timeout', 400]);
});

test('parseRetryAfter: seconds, HTTP dates, past dates and garbage', () => {
  assert.equal(parseRetryAfter('120', NOW), 120_000);
  assert.equal(parseRetryAfter('1.5', NOW), 1500);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', NOW), 30_000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', NOW), 0);
  assert.equal(parseRetryAfter('soon', NOW), undefined);
  assert.equal(parseRetryAfter(undefined, NOW), undefined);
});

test('backoff: grows exponentially within equal-jitter bounds and is capped', () => {
  const lo = (n: number) => backoffDelay(n, { baseMs: 100, maxMs: 1000, random: () => 0 });
  const hi = (n: number) => backoffDelay(n, { baseMs: 100, maxMs: 1000, random: () => 0.999999 });
  assert.deepEqual([1, 2, 3, 4, 5].map(lo), [50, 100, 200, 400, 500]);
  assert.deepEqual([1, 2, 3, 4, 5].map(hi), [100, 200, 400, 800, 1000]);
});

test('retryDelay: only retryable failures, within attempts, Retry-After honoured up to the cap', () => {
  const p = { attempts: 3, baseMs: 100, random: () => 0, retryAfterCapMs: 5_000 };
  assert.equal(retryDelay(1, { retryable: false, countsAgainstTarget: true }, p), undefined);
  assert.equal(retryDelay(1, { retryable: true, countsAgainstTarget: true }, p), 50);
  assert.equal(retryDelay(3, { retryable: true, countsAgainstTarget: true }, p), undefined, 'third attempt was the last');
  assert.equal(retryDelay(1, { retryable: true, countsAgainstTarget: false, retryAfterMs: 4_000 }, p), 4_000);
  assert.equal(retryDelay(1, { retryable: true, countsAgainstTarget: false, retryAfterMs: 60_000 }, p), undefined);
});

test('sleep: rejects with the abort reason when the signal fires', async () => {
  const ctl = new AbortController();
  const p = sleep(10_000, ctl.signal);
  ctl.abort(new Error('client left'));
  await assert.rejects(p, /client left/);
});

test('classify: the upstream engine’s own errors (statusError / networkError) get the intended verdicts', () => {
  const v = (e: unknown) => {
    const i = classifyFailure(e, undefined, NOW);
    return `${i.retryable ? 'retry' : 'final'}/${i.countsAgainstTarget ? 'count' : 'free'}${i.retryAfterMs !== undefined ? `/${i.retryAfterMs}` : ''}`;
  };
  const s = (status: number, headers = {}) => v(statusError(status, '{"error":{"message":"x"}}', headers));
  assert.deepEqual([s(429, { 'retry-after': '3' }), s(500), s(502), s(503), s(504), s(408)], ['retry/free/3000', 'retry/count', 'retry/count', 'retry/count', 'retry/count', 'retry/count']);
  assert.deepEqual([s(400), s(404), s(422)], ['final/free', 'final/free', 'final/free']);
  assert.deepEqual([v(networkError(netErr('ECONNREFUSED'))), v(networkError(netErr('UND_ERR_CONNECT_TIMEOUT'))), v(networkError(netErr('ECONNRESET')))], ['retry/count', 'retry/count', 'retry/count']);
});
