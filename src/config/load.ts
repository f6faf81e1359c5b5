/**
 * Load psr's configuration once at start: defaults < config file (`--config` or PSR_CONFIG,
 * YAML or JSON) < environment variables < `psr serve` flags. Everything is validated together;
 * every problem is reported with the key and where it came from (`file:line`, `env NAME` or
 * `flag --name`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { hashKey } from '../gateway/auth/keys.js';
import { CONFIG_SCHEMA, ENV_KEYS, FLAG_KEYS, KEY_ENV, type PsrConfig } from './schema.js';

/** One or more invalid settings; `problems` lists each as `source: key: why`. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0] : `invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Where to load from. */
export interface LoadConfigOptions {
  /** The `--config` flag's value (wins over PSR_CONFIG). */
  argvPath?: string;
  env?: Record<string, string | undefined>;
  /** Parsed command-line flags (node:util parseArgs values), named as in FLAG_KEYS. */
  flags?: Record<string, string | boolean | string[] | undefined>;
}

interface Source {
  file?: string;
  doc?: Document;
  lines?: LineCounter;
  /** config path → the env variable or flag that set it, e.g. `env PORT`, `flag --port`. */
  fromEnv: Map<string, string>;
}

type Raw = string | boolean | string[];

type Obj = Record<string, unknown>;

function readFile(file: string, src: Source): Obj {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`${file}: cannot read config file (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  src.lines = new LineCounter();
  // JSON is YAML, so one parser serves both and gives line numbers for either.
  src.doc = parseDocument(text, { lineCounter: src.lines, prettyErrors: false });
  if (src.doc.errors.length > 0) {
    throw new ConfigError(src.doc.errors.map((e) => `${file}:${src.lines!.linePos(e.pos[0]).line}: not valid YAML/JSON: ${e.message.split('\n')[0]}`));
  }
  const data: unknown = src.doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError([`${file}: the top level must be a mapping of settings`]);
  return data as Obj;
}

function coerce(label: string, kind: string, value: Raw): unknown {
  if (typeof value === 'boolean' || Array.isArray(value)) return value;
  const raw = value;
  const bad = (what: string) => new ConfigError([`${label}: must be ${what}, got '${raw}'`]);
  switch (kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) throw bad('an integer');
      return Number(raw);
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw bad('true or false');
    }
    case 'size': {
      const m = /^(\d+)\s*(b|kb?|kib|mb?|mib|gb?|gib)?$/i.exec(raw.trim());
      if (!m) throw bad('a size like 8mb or 1048576');
      const unit = (m[2] ?? 'b')[0].toLowerCase();
      return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
    }
    case 'list':
      return raw.split(',').map((s) => s.trim()).filter(Boolean);
    default:
      return raw;
  }
}

function setPath(target: Obj, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Obj;
  }
  o[parts.at(-1)!] = value;
}

function applyLayer(data: Obj, values: Record<string, Raw | undefined>, table: Record<string, { path: string; kind: string }>, label: (name: string) => string, src: Source): void {
  for (const [name, { path, kind }] of Object.entries(table)) {
    const raw = values[name];
    if (raw === undefined || raw === '') continue;
    setPath(data, path, coerce(label(name), kind, raw));
    src.fromEnv.set(path, label(name));
  }
}

function applyKeys(data: Obj, env: Record<string, string | undefined>): void {
  for (const [name, role] of Object.entries(KEY_ENV)) {
    const plain = env[name]?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    if (plain.length === 0) continue;
    const auth = (data.auth ??= {}) as Obj;
    const keys = Array.isArray(auth.keys) ? auth.keys : (auth.keys = []);
    for (const k of plain) (keys as unknown[]).push({ sha256: hashKey(k), role });
  }
}

// a regular expression is no explanation: say what the value should look like
const PATTERN_WHY: Record<string, string> = {
  'auth.keys.sha256': 'must be a sha256 digest: 64 hex characters (e.g. from `printf %s "$KEY" | sha256sum`)',
  'upstream.url': 'must be an http(s) URL, or several comma-separated, each optionally name=URL',
  'redis.url': 'must be a redis:// or rediss:// URL',
  'auth.publicPaths': "must start with '/'",
};

function describe(err: ErrorObject, src: Source): string {
  const segs = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let why = err.message ?? 'is invalid';
  if (err.keyword === 'additionalProperty' || err.keyword === 'additionalProperties') {
    segs.push(String((err.params as { additionalProperty: string }).additionalProperty));
    why = 'is not a known setting';
  } else if (err.keyword === 'required') {
    segs.push(String((err.params as { missingProperty: string }).missingProperty));
    why = 'is required';
  } else if (err.keyword === 'enum') {
    why = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (err.keyword === 'pattern') why = PATTERN_WHY[segs.filter((s) => !/^\d+$/.test(s)).join('.')] ?? why;
  const key = segs.join('.') || '(top level)';
  const parent = segs.slice(0, -1).join('.');
  const envName = [...src.fromEnv].find(([p]) => key === p || key.startsWith(p + '.') || (err.keyword === 'required' && p.startsWith(parent + '.')))?.[1];
  if (envName) return `${envName}: ${key} ${why}`;
  const node = src.doc?.getIn(segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), true) as { range?: [number, number, number] } | undefined;
  const line = node?.range && src.lines ? `:${src.lines.linePos(node.range[0]).line}` : '';
  return `${src.file ?? 'defaults'}${line}: ${key} ${why}`;
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
const validate = ajv.compile(CONFIG_SCHEMA);

/**
 * Build the validated configuration; throws ConfigError naming every bad key and its source.
 * @example const cfg = loadConfig({ argvPath: flags.config, env: process.env })
 */
export function loadConfig(opts: LoadConfigOptions = {}): PsrConfig {
  const env = opts.env ?? process.env;
  const path = opts.argvPath ?? env.PSR_CONFIG;
  const src: Source = { fromEnv: new Map() };
  let data: Obj = {};
  if (path) {
    src.file = resolve(path);
    data = readFile(src.file, src);
  }
  applyLayer(data, env, ENV_KEYS, (n) => `env ${n}`, src);
  applyKeys(data, env);
  applyLayer(data, opts.flags ?? {}, FLAG_KEYS, (n) => `flag --${n}`, src);
  if (!validate(data)) throw new ConfigError((validate.errors ?? []).map((e) => describe(e, src)));
  return data as unknown as PsrConfig;
}

/** The config file the options point at, if any (for messages). */
export function configSource(opts: LoadConfigOptions = {}): string | undefined {
  const p = opts.argvPath ?? (opts.env ?? process.env).PSR_CONFIG;
  return p ? resolve(p) : undefined;
}
