/**
 * POST /v1/completions: validate and normalize. `prompt` may be a string, strings, or token
 * arrays; psr has no model tokenizer, so a token-id prompt becomes its ids joined by spaces
 * (documented; an upstream then sees that text). Several prompts are returned separately and
 * the route runs one generation per prompt.
 */
import type { GenerateRequest } from '../../core/types.js';
import { arr, badValue, extraFields, obj, optBool, optNumber, optString, stopList, wrongType, type Obj } from './check.js';
import type { ParsedCompletion } from './chat.js';
import { COMMON_KNOWN, parseModel, parseN, parseSampling, parseStreaming, parseUser } from './common.js';

const KNOWN = new Set<string>([...COMMON_KNOWN, 'prompt', 'suffix', 'echo', 'best_of']);

function isTokens(v: unknown): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.every((t) => Number.isInteger(t));
}

/** The prompt field as one or more texts. */
export function parsePrompts(v: unknown): string[] {
  if (v === undefined || v === null) return [''];
  if (typeof v === 'string') return [v];
  const list = arr(v, 'prompt', 1, 2048);
  if (isTokens(list)) return [list.join(' ')];
  return list.map((p, i) => {
    if (typeof p === 'string') return p;
    if (isTokens(p)) return p.join(' ');
    return wrongType(`prompt[${i}]`, 'a string or an array of token ids', p);
  });
}

/** A text completion request: one ParsedCompletion per prompt, plus echo. */
export interface ParsedTextCompletion extends ParsedCompletion {
  prompts: string[];
  echo: boolean;
}

function checkLimits(body: Obj, n: number): void {
  const bestOf = optNumber(body.best_of, 'best_of', 0, 20, true);
  if (bestOf !== undefined && bestOf > 0 && bestOf < n) badValue('best_of', `must be greater than or equal to n (${n}).`);
}

/** Validate a text completion body; throws a 400 PsrError naming the field. */
export function parseCompletionRequest(raw: unknown): ParsedTextCompletion {
  const body = obj(raw, 'body');
  const model = parseModel(body);
  const prompts = parsePrompts(body.prompt);
  const n = parseN(body);
  checkLimits(body, n);
  const suffix = optString(body.suffix, 'suffix');
  const echo = optBool(body.echo, 'echo') ?? false;
  const top = optNumber(body.logprobs, 'logprobs', 0, 5, true);
  const maxTokens = optNumber(body.max_tokens, 'max_tokens', 0, 1e9, true);
  const { stream, includeUsage } = parseStreaming(body);
  const extra = extraFields(body, KNOWN);
  if (body.best_of !== undefined && body.best_of !== null) extra.best_of = body.best_of;
  const req: GenerateRequest = {
    model,
    input: suffix === undefined ? { kind: 'text', prompt: prompts[0]! } : { kind: 'text', prompt: prompts[0]!, suffix },
    n,
    stop: stopList(body.stop),
    sampling: parseSampling(body),
    stream,
    extra,
  };
  if (maxTokens !== undefined && maxTokens > 0) req.maxTokens = maxTokens;
  if (top !== undefined) req.logprobs = { topLogprobs: top };
  const user = parseUser(body);
  if (user !== undefined) req.user = user;
  return { req, stream, includeUsage, prompts, echo };
}
