/**
 * Per-caller request and token limits per minute, with rate-limiter-flexible. With Redis the
 * counters are shared by every instance; each Redis limiter carries an in-memory insurance
 * limiter, so a Redis outage turns shared limits into per-instance ones instead of failing
 * requests. Tokens are charged from an estimate on admission and corrected from real usage.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { psrError } from '../../core/errors.js';
import { limitHeaders, retryAfter, type LimitState } from './headers.js';

/** Options for {@link RateLimiter}. */
export interface RateLimitOptions {
  /** Requests per minute per caller (0: unlimited). */
  requestsPerMinute: number;
  /** Tokens per minute per caller (0: unlimited). */
  tokensPerMinute: number;
  /** Share counters through Redis. */
  redis?: Redis;
  /** Key prefix; instances that should share limits use the same one. */
  prefix?: string;
  /** Window length in seconds (default 60). */
  windowSeconds?: number;
}

function build(points: number, prefix: string, duration: number, redis?: Redis): RateLimiterAbstract | undefined {
  if (points <= 0) return undefined;
  const insurance = new RateLimiterMemory({ points, duration, keyPrefix: prefix });
  if (!redis) return insurance;
  return new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix: prefix, insuranceLimiter: insurance, rejectIfRedisNotReady: true });
}

function state(points: number, res: RateLimiterRes): LimitState {
  return { limit: points, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
}

/** Admits or refuses requests; refusals are PsrError 429 with Retry-After and x-ratelimit-* headers. */
export class RateLimiter {
  #rpm: number;
  #tpm: number;
  #requests?: RateLimiterAbstract;
  #tokens?: RateLimiterAbstract;

  constructor(opts: RateLimitOptions) {
    const prefix = opts.prefix ?? 'psr:rl';
    const duration = opts.windowSeconds ?? 60;
    this.#rpm = opts.requestsPerMinute;
    this.#tpm = opts.tokensPerMinute;
    this.#requests = build(this.#rpm, `${prefix}:req`, duration, opts.redis);
    this.#tokens = build(this.#tpm, `${prefix}:tok`, duration, opts.redis);
  }

  /** True when any limit is set. */
  get enabled(): boolean {
    return this.#requests !== undefined || this.#tokens !== undefined;
  }

  /**
   * Charge one request and `estimatedTokens` to `id`; returns the headers to send, or throws
   * rate_limit_exceeded carrying Retry-After and the x-ratelimit-* headers.
   */
  async admit(id: string, estimatedTokens: number): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    let reqRes: RateLimiterRes | undefined;
    if (this.#requests) {
      reqRes = await this.#consume(this.#requests, id, 1, 'requests', this.#rpm, headers);
      if (reqRes) Object.assign(headers, limitHeaders('requests', state(this.#rpm, reqRes)));
    }
    if (this.#tokens) {
      const tokens = Math.max(1, Math.ceil(estimatedTokens));
      try {
        const tokRes = await this.#consume(this.#tokens, id, tokens, 'tokens', this.#tpm, headers);
        if (tokRes) Object.assign(headers, limitHeaders('tokens', state(this.#tpm, tokRes)));
      } catch (err) {
        // The request was refused, so it should not use up a request slot either.
        if (this.#requests) await this.#requests.reward(id, 1).catch(() => undefined);
        throw err;
      }
    }
    return headers;
  }

  /** Correct the token charge once real usage is known (never throws). */
  async settle(id: string, estimatedTokens: number, actualTokens: number): Promise<void> {
    if (!this.#tokens) return;
    const diff = Math.round(actualTokens) - Math.max(1, Math.ceil(estimatedTokens));
    try {
      if (diff > 0) await this.#tokens.penalty(id, diff);
      else if (diff < 0) await this.#tokens.reward(id, -diff);
    } catch {
      // accounting only: a failed correction must not fail a finished request
    }
  }

  async #consume(limiter: RateLimiterAbstract, id: string, points: number, kind: 'requests' | 'tokens', limit: number, sofar: Record<string, string>): Promise<RateLimiterRes | undefined> {
    try {
      return await limiter.consume(id, points);
    } catch (err) {
      // A store failure the insurance limiter could not absorb: admit rather than fail the request.
      if (!(err instanceof RateLimiterRes)) return undefined;
      if (kind === 'tokens') await limiter.reward(id, points).catch(() => undefined);
      const headers = { ...sofar, ...limitHeaders(kind, { limit, remaining: 0, resetMs: err.msBeforeNext }), 'retry-after': retryAfter(err.msBeforeNext) };
      const what = kind === 'requests' ? `requests per min (RPM): Limit ${limit}` : `tokens per min (TPM): Limit ${limit}, Requested ${points}`;
      throw psrError('rate_limit_exceeded', `Rate limit reached on ${what}. Please try again in ${headers['retry-after']}s.`, { headers });
    }
  }
}
