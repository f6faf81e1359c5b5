/**
 * The reasoning gateway's settings: phases on or off, per-model entries (a YAML/JSON file named
 * by PSR_MODEL_CONFIG), breaker, retry and connect-timeout tuning. Read once at start from the
 * environment; every problem names its variable or file entry.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { reasoningParsers } from '../pipeline/reasoning/registry.js';
import { toolCallParsers } from '../pipeline/tools/registry.js';
import type { ModelConfigEntry } from './model-config.js';

/** Everything the gateway needs beyond the target list. */
export interface GatewaySettings {
  /** Phased streaming (prompt summary → reasoning summary → answer) for chat requests. */
  phases: boolean;
  /** Per-model entries; they override DEFAULT_MODELS, first match wins. */
  models: ModelConfigEntry[];
  breaker: { failureThreshold: number; openMs: number; errorRateThreshold: number; windowMs: number; minimumRequests: number };
  retry: { attempts: number; baseMs: number; maxMs: number };
  connectTimeoutMs: number;
  /** Keep-alive connections per upstream target; streams beyond it wait for a free one. */
  upstreamConnections: number;
}

/** Defaults: phases on, 5 failures open a breaker for 30 s, 2 attempts per target. */
export const DEFAULT_GATEWAY_SETTINGS: GatewaySettings = {
  phases: true,
  models: [],
  breaker: { failureThreshold: 5, openMs: 30_000, errorRateThreshold: 0.5, windowMs: 60_000, minimumRequests: 20 },
  retry: { attempts: 2, baseMs: 250, maxMs: 4_000 },
  connectTimeoutMs: 10_000,
  upstreamConnections: 1024,
};

/** A gateway setting that is wrong. */
export class GatewaySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewaySettingsError';
  }
}

type Obj = Record<string, unknown>;
const RAW = ['forward', 'summarize', 'both'];
const FIELDS = ['reasoning_content', 'reasoning', 'both'];
const HISTORY = ['reasoning_content', 'reasoning', 'drop'];

function check(ok: boolean, where: string, why: string): void {
  if (!ok) throw new GatewaySettingsError(`${where}: ${why}`);
}

/** Validate one model entry as read from a file; `where` names it in messages. */
export function checkModelEntry(raw: unknown, where: string): ModelConfigEntry {
  check(typeof raw === 'object' && raw !== null && !Array.isArray(raw), where, 'must be a mapping');
  const e = raw as Obj;
  check(typeof e.match === 'string' && e.match !== '', `${where}.match`, "is required: a model id pattern ('/regex/i', a glob with *, or a substring)");
  const reasoning = e.reasoning as Obj | undefined;
  if (reasoning !== undefined) {
    check(typeof reasoning === 'object' && reasoning !== null, `${where}.reasoning`, 'must be a mapping');
    const parser = reasoning.parser;
    if (parser !== undefined) check(typeof parser === 'string' && reasoningParsers.has(parser), `${where}.reasoning.parser`, `must be one of ${reasoningParsers.list().join(', ')}`);
  }
  if (e.rawReasoning !== undefined) check(RAW.includes(String(e.rawReasoning)), `${where}.rawReasoning`, `must be one of ${RAW.join(', ')}`);
  if (e.reasoningField !== undefined) check(FIELDS.includes(String(e.reasoningField)), `${where}.reasoningField`, `must be one of ${FIELDS.join(', ')}`);
  if (e.historyReasoning !== undefined) check(HISTORY.includes(String(e.historyReasoning)), `${where}.historyReasoning`, `must be one of ${HISTORY.join(', ')}`);
  if (e.toolParser !== undefined) check(typeof e.toolParser === 'string' && toolCallParsers.has(e.toolParser), `${where}.toolParser`, `must be one of ${toolCallParsers.list().join(', ')}`);
  if (e.upstreams !== undefined) check(Array.isArray(e.upstreams) && e.upstreams.every((u) => typeof u === 'string'), `${where}.upstreams`, 'must be a list of target names');
  const summary = e.summary as Obj | undefined;
  if (summary?.mode !== undefined) check(['extractive', 'model', 'off'].includes(String(summary.mode)), `${where}.summary.mode`, 'must be extractive, model or off');
  return e as unknown as ModelConfigEntry;
}

/** Read model entries from a YAML or JSON file: a list, or a mapping with a `models` list. */
export function loadModelEntries(file: string): ModelConfigEntry[] {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new GatewaySettingsError(`PSR_MODEL_CONFIG ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(data) ? data : (data as Obj | null)?.models;
  check(Array.isArray(list), file, 'must hold a list of model entries (or `models:` with one)');
  return (list as unknown[]).map((e, i) => checkModelEntry(e, `${file}: models[${i}]`));
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  check(Number.isInteger(n) && n >= min, `env ${name}`, `must be an integer >= ${min}, got '${raw}'`);
  return n;
}

/**
 * Settings from the environment (and the config file's `models:` entries): PSR_PHASES (on|off), PSR_RAW_REASONING (forward|summarize|both,
 * for every model), PSR_MODEL_CONFIG (file), PSR_BREAKER_FAILURES, PSR_BREAKER_OPEN_MS,
 * PSR_RETRY_ATTEMPTS, PSR_CONNECT_TIMEOUT_MS.
 */
export function gatewaySettingsFromEnv(env: NodeJS.ProcessEnv = process.env, configEntries: unknown[] = []): GatewaySettings {
  const d = DEFAULT_GATEWAY_SETTINGS;
  const phases = env.PSR_PHASES === undefined || env.PSR_PHASES === '' ? d.phases : !['0', 'off', 'false', 'no'].includes(env.PSR_PHASES.toLowerCase());
  // The environment's file is more specific than the config file's `models:`, so its entries come first.
  const models = [
    ...(env.PSR_MODEL_CONFIG ? loadModelEntries(env.PSR_MODEL_CONFIG) : []),
    ...configEntries.map((e, i) => checkModelEntry(e, `config models[${i}]`)),
  ];
  const raw = env.PSR_RAW_REASONING;
  if (raw) {
    check(RAW.includes(raw), 'env PSR_RAW_REASONING', `must be one of ${RAW.join(', ')}, got '${raw}'`);
    // Last, so file entries for particular models still win; it overrides the built-in defaults.
    models.push({ match: '*', rawReasoning: raw as ModelConfigEntry['rawReasoning'] });
  }
  return {
    phases,
    models,
    breaker: { ...d.breaker, failureThreshold: int(env, 'PSR_BREAKER_FAILURES', d.breaker.failureThreshold, 1), openMs: int(env, 'PSR_BREAKER_OPEN_MS', d.breaker.openMs) },
    retry: { ...d.retry, attempts: int(env, 'PSR_RETRY_ATTEMPTS', d.retry.attempts, 1) },
    connectTimeoutMs: int(env, 'PSR_CONNECT_TIMEOUT_MS', d.connectTimeoutMs),
    upstreamConnections: int(env, 'PSR_UPSTREAM_CONNECTIONS', d.upstreamConnections, 1),
  };
}
