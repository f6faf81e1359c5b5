/**
 * Per-user usage counters (requests, prompt and completion tokens, each also by model), kept
 * as flat counter fields so memory and Redis (a hash per user, HINCRBY) share one layout.
 */
import type { Redis } from 'ioredis';
import type { RedisLog } from '../redis.js';

/** One increment. */
export interface UsageDelta {
  requests?: number;
  promptTokens?: number;
  completionTokens?: number;
}

/** Totals for one bucket (a user, or a user's use of one model). */
export interface UsageTotals {
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** What GET /v1/usage returns. */
export interface UsageReport extends UsageTotals {
  object: 'usage';
  user: string;
  models: Record<string, UsageTotals>;
}

/** Counter storage; implementations never throw on backend outages. */
export interface UsageStore {
  readonly backend: 'memory' | 'redis';
  record(user: string, model: string, delta: UsageDelta): Promise<void>;
  /** Raw counter fields for a user (empty when unknown). */
  fields(user: string): Promise<Record<string, number>>;
  errors(): number;
}

const FIELDS = [['requests', 'requests'], ['promptTokens', 'prompt_tokens'], ['completionTokens', 'completion_tokens']] as const;

/** The counter increments for a delta: totals and `model:<model>:<field>`. */
export function deltaFields(model: string, delta: UsageDelta): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [key, field] of FIELDS) {
    const v = delta[key];
    if (!v) continue;
    out.push([field, v], [`model:${model}:${field}`, v]);
  }
  return out;
}

function totals(get: (f: string) => number): UsageTotals {
  const p = get('prompt_tokens');
  const c = get('completion_tokens');
  return { requests: get('requests'), prompt_tokens: p, completion_tokens: c, total_tokens: p + c };
}

/** Turn raw counter fields into the report shape. */
export function toReport(user: string, fields: Record<string, number>): UsageReport {
  const models: Record<string, UsageTotals> = {};
  const names = new Set<string>();
  for (const f of Object.keys(fields)) {
    // model names may contain ':', so the field name is split at its last ':'
    if (f.startsWith('model:')) names.add(f.slice('model:'.length, f.lastIndexOf(':')));
  }
  for (const m of [...names].sort()) models[m] = totals((f) => fields[`model:${m}:${f}`] ?? 0);
  return { object: 'usage', user, ...totals((f) => fields[f] ?? 0), models };
}

/** Counters in this process only. */
export class MemoryUsageStore implements UsageStore {
  readonly backend = 'memory' as const;
  #users = new Map<string, Map<string, number>>();

  async record(user: string, model: string, delta: UsageDelta): Promise<void> {
    let m = this.#users.get(user);
    if (!m) this.#users.set(user, (m = new Map()));
    for (const [f, v] of deltaFields(model, delta)) m.set(f, (m.get(f) ?? 0) + v);
  }

  async fields(user: string): Promise<Record<string, number>> {
    return Object.fromEntries(this.#users.get(user) ?? []);
  }

  errors(): number {
    return 0;
  }
}

/** Counters in Redis hashes (`<prefix>:<user>`), shared by every instance. */
export class RedisUsageStore implements UsageStore {
  readonly backend = 'redis' as const;
  #redis: Redis;
  #prefix: string;
  #log?: RedisLog;
  #errors = 0;
  #failing = false;

  constructor(redis: Redis, opts: { prefix?: string; log?: RedisLog } = {}) {
    this.#redis = redis;
    this.#prefix = opts.prefix ?? 'psr:usage';
    this.#log = opts.log;
  }

  async record(user: string, model: string, delta: UsageDelta): Promise<void> {
    const incs = deltaFields(model, delta);
    if (incs.length === 0) return;
    await this.#try(async () => {
      const multi = this.#redis.multi();
      for (const [f, v] of incs) multi.hincrby(`${this.#prefix}:${user}`, f, v);
      await multi.exec();
    });
  }

  async fields(user: string): Promise<Record<string, number>> {
    const raw = await this.#try(() => this.#redis.hgetall(`${this.#prefix}:${user}`));
    return Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [k, Number(v)]));
  }

  errors(): number {
    return this.#errors;
  }

  async #try<T>(op: () => Promise<T>): Promise<T | undefined> {
    try {
      if (this.#redis.status !== 'ready') throw new Error(`redis ${this.#redis.status}`);
      const out = await op();
      this.#failing = false;
      return out;
    } catch (err) {
      this.#errors++;
      if (!this.#failing) this.#log?.warn({ usage: 'redis', err: err instanceof Error ? err.message : String(err) }, 'usage counters: redis unavailable, counts are being dropped');
      this.#failing = true;
      return undefined;
    }
  }
}
