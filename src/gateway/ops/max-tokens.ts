/**
 * MAX_TOKENS: the output budget a request gets when it names none, and the most it may ask
 * for. Larger requests are lowered to the ceiling (finish_reason `length` tells the client),
 * as the seed did, rather than refused. 0 (the default) leaves max_tokens alone.
 */
import type { GenerateRequest } from '../../core/types.js';
import type { Generate, GenerateMiddleware } from '../generate.js';

/**
 * Apply the default and ceiling before anything keys on the request (list it outside the cache).
 * @example middlewares: [withMaxTokens(cfg.maxTokens), withCache(cache)]
 */
export function withMaxTokens(ceiling: number): GenerateMiddleware {
  return function maxTokensMiddleware(next: Generate): Generate {
    if (ceiling <= 0) return next;
    return function boundedGenerate(req: GenerateRequest, signal: AbortSignal) {
      if (req.maxTokens !== undefined && req.maxTokens <= ceiling) return next(req, signal);
      return next({ ...req, maxTokens: Math.min(req.maxTokens ?? ceiling, ceiling) }, signal);
    };
  };
}
