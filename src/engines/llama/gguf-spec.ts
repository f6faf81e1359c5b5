/**
 * `--gguf <path>[:<id>]` specs and the engine's configuration shape.
 */
import { basename } from 'node:path';
import { psrError } from '../../core/errors.js';

/** One local model: the id clients send as `model`, and the GGUF file that serves it. */
export interface GgufModelSpec {
  id: string;
  path: string;
}

/**
 * Parse `path[:id]`; the id defaults to the file name without `.gguf`.
 * A colon followed by a path separator (`C:\…`) belongs to the path, not to an id.
 * @example parseGgufSpec('models/tiny.gguf:tiny') // { id: 'tiny', path: 'models/tiny.gguf' }
 */
export function parseGgufSpec(spec: string): GgufModelSpec {
  const trimmed = spec.trim();
  const colon = trimmed.lastIndexOf(':');
  const tail = colon >= 0 ? trimmed.slice(colon + 1) : '';
  const isId = colon > 1 && tail.length > 0 && !/[\\/]/.test(tail);
  const path = isId ? trimmed.slice(0, colon) : trimmed;
  if (!path) throw psrError('invalid_value', `Invalid --gguf spec '${spec}': expected <path>[:<id>]`, { param: 'gguf' });
  const id = isId ? tail : basename(path).replace(/\.gguf$/i, '');
  if (!id) throw psrError('invalid_value', `Invalid --gguf spec '${spec}': the model id is empty`, { param: 'gguf' });
  return { id, path };
}
