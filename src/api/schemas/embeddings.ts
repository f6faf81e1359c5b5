/** POST /v1/embeddings: validate and normalize into an EmbedRequest. */
import type { EmbedRequest } from '../../core/types.js';
import { arr, badValue, extraFields, obj, optEnum, optNumber, required, wrongType } from './check.js';
import { parseModel, parseUser } from './common.js';

const KNOWN = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

function isTokens(v: unknown): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.every((t) => Number.isInteger(t));
}

function inputs(v: unknown): Array<string | number[]> {
  if (typeof v === 'string') {
    if (v.length === 0) badValue('input', 'must not be empty.');
    return [v];
  }
  const list = arr(v, 'input', 1, 2048);
  if (isTokens(list)) return [list];
  return list.map((x, i) => {
    if (typeof x === 'string') return x.length > 0 ? x : badValue(`input[${i}]`, 'must not be empty.');
    if (isTokens(x)) return x;
    return wrongType(`input[${i}]`, 'a string or an array of token ids', x);
  });
}

/** A parsed embeddings request and the wire encoding the client wants. */
export interface ParsedEmbeddings {
  req: EmbedRequest;
  encoding: 'float' | 'base64';
}

/** Validate an embeddings body; throws a 400 PsrError naming the field. */
export function parseEmbeddingsRequest(raw: unknown): ParsedEmbeddings {
  const body = obj(raw, 'body');
  const model = parseModel(body);
  const req: EmbedRequest = { model, input: inputs(required(body, 'input')), extra: extraFields(body, KNOWN) };
  const dims = optNumber(body.dimensions, 'dimensions', 1, 65536, true);
  if (dims !== undefined) req.dimensions = dims;
  const user = parseUser(body);
  if (user !== undefined) req.user = user;
  const encoding = optEnum(body.encoding_format, 'encoding_format', ['float', 'base64'] as const) ?? 'float';
  return { req, encoding };
}
