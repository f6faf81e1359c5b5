/** POST /v1/embeddings: float arrays or base64 little-endian float32, as the client asks. */
import type { FastifyInstance } from 'fastify';
import { psrError } from '../../core/errors.js';
import { clientSignal } from '../respond.js';
import { parseEmbeddingsRequest } from '../schemas/embeddings.js';
import type { ApiContext } from '../context.js';

function base64(vector: number[]): string {
  const f32 = Float32Array.from(vector);
  // Float32Array uses the platform's byte order; every platform Node supports is little-endian.
  return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString('base64');
}

/** Register the embeddings route under `prefix`. */
export function embeddingsRoute(app: FastifyInstance, ctx: ApiContext, prefix: string): void {
  app.post(`${prefix}/embeddings`, async function embeddings(request, reply) {
    const { req, encoding } = parseEmbeddingsRequest(request.body);
    const { engine } = await ctx.router.resolve(req.model);
    if (!engine.embed) throw psrError('invalid_request', `The model '${req.model}' does not support embeddings`, { param: 'model' });
    const ac = clientSignal(reply);
    const result = await engine.embed(req, ac.signal);
    const data = result.vectors.map((v, index) => ({ object: 'embedding', index, embedding: encoding === 'base64' ? base64(v) : v }));
    return { object: 'list', data, model: req.model, usage: { prompt_tokens: result.promptTokens, total_tokens: result.promptTokens } };
  });
}
