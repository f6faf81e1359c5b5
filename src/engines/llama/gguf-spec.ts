/**
 * `--gguf <path>[:<id>]` specs and the engine's configuration shape.
 */
import { psrError } from '../../core/errors.js';

/** One local model: the id clients send as `model`, and the GGUF file that serves it. */
export interface GgufModelSpec {
  id: string;
  path: string;
}

/**
 * Parse `path[:id]`; the id defaults to the file name without `.gguf`.
 * The id starts after `.gguf:` (so it may hold `:` and `/`); otherwise after the last colon,
 * unless that colon is part of the path (`C:\…`, a directory with a colon).
 * @example parseGgufSpec('models/tiny.gguf:tiny') // { id: 'tiny', path: 'models/tiny.gguf' }
 */
export function parseGgufSpec(spec: string): GgufModelSpec {
  const trimmed = spec.trim();
  // `x.gguf:<id>` first, so ids may hold colons and slashes (`qwen3:8b`, `org/model`)
  const afterExt = /^(.*?\.gguf):(.+)$/i.exec(trimmed);
  const colon = trimmed.lastIndexOf(':');
  const tail = colon >= 0 ? trimmed.slice(colon + 1) : '';
  const bareId = colon > 1 && tail.length > 0 && !/[\\/]/.test(tail);
  const path = afterExt ? afterExt[1] : bareId ? trimmed.slice(0, colon) : trimmed;
  if (!path) throw psrError('invalid_value', `Invalid --gguf spec '${spec}': expected <path>[:<id>]`, { param: 'gguf' });
  const id = afterExt ? afterExt[2] : bareId ? tail : (path.split(/[\\/]/).pop() ?? '').replace(/\.gguf$/i, '');
  if (!id) throw psrError('invalid_value', `Invalid --gguf spec '${spec}': the model id is empty`, { param: 'gguf' });
  return { id, path };
}

/**
 * Parse several specs: repeated `--gguf` flags, or one comma-separated list (`PSR_GGUF`).
 * @example parseGgufSpecs('a.gguf,b.gguf:b') // [{ id: 'a', … }, { id: 'b', … }]
 */
export function parseGgufSpecs(specs: string | readonly string[] | undefined): GgufModelSpec[] {
  const list = typeof specs === 'string' ? specs.split(',') : [...(specs ?? [])];
  return list.filter((s) => s.trim()).map(parseGgufSpec);
}
