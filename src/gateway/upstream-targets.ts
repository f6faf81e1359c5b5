/**
 * Upstream targets from configuration: `UPSTREAM_URL` may list several servers, comma-separated,
 * each optionally named (`fast=http://10.0.0.5:8000/v1`); unnamed ones are named by host:port.
 * The order is the default fallback order; a model's config may choose its own by name.
 */

/** One upstream server psr may forward to. */
export interface UpstreamTarget {
  /** Stable name: used in /health, metrics, error messages and a model's `upstreams` list. */
  name: string;
  url: string;
  apiKey?: string;
  /** Fixed model list; undefined means discover from the target's /v1/models. */
  models?: string[];
}

/** A target list that cannot be used; the message says which entry and why. */
export class UpstreamTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamTargetError';
  }
}

const NAME = /^[A-Za-z0-9_.:-]+$/;

function parseEntry(entry: string): { name?: string; url: string } {
  // `name=url`, but a bare URL may itself hold '=' in its query string: split only before '://'.
  const eq = entry.indexOf('=');
  const scheme = entry.indexOf('://');
  if (eq > 0 && (scheme === -1 || eq < scheme)) return { name: entry.slice(0, eq).trim(), url: entry.slice(eq + 1).trim() };
  return { url: entry };
}

function checkedUrl(raw: string, key: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UpstreamTargetError(`${key}: '${raw}' is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UpstreamTargetError(`${key}: '${raw}' must be an http(s) URL`);
  return u;
}

/**
 * Parse a comma-separated target list. `apiKeys` is one key for every target, or a
 * comma-separated list in the same order as the URLs.
 * @example parseUpstreamTargets('a=http://127.0.0.1:8001,http://127.0.0.1:8002') // names 'a', '127.0.0.1:8002'
 */
export function parseUpstreamTargets(raw: string, opts: { apiKeys?: string; models?: string[]; key?: string } = {}): UpstreamTarget[] {
  const key = opts.key ?? 'UPSTREAM_URL';
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) throw new UpstreamTargetError(`${key}: no upstream URL given`);
  const keys = opts.apiKeys?.split(',').map((s) => s.trim()) ?? [];
  if (keys.length > 1 && keys.length !== entries.length) {
    throw new UpstreamTargetError(`UPSTREAM_API_KEY: ${keys.length} keys for ${entries.length} upstream URLs; give one key, or one per URL in the same order`);
  }
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const { name: given, url } = parseEntry(entry);
    const u = checkedUrl(url, key);
    if (given !== undefined && !NAME.test(given)) throw new UpstreamTargetError(`${key}: target name '${given}' may only hold letters, digits and _ . : -`);
    let name = given ?? u.host;
    if (seen.has(name)) {
      if (given !== undefined) throw new UpstreamTargetError(`${key}: target name '${name}' is used twice`);
      name = `${name}#${i + 1}`; // the same server listed twice (e.g. two base paths)
    }
    seen.add(name);
    const target: UpstreamTarget = { name, url };
    const apiKey = keys.length > 1 ? keys[i] : keys[0];
    if (apiKey) target.apiKey = apiKey;
    if (opts.models?.length) target.models = opts.models;
    return target;
  });
}
