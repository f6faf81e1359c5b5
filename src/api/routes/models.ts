/** GET /v1/models, GET /v1/models/:id, GET /health */
import type { FastifyInstance } from 'fastify';
import type { ModelCard } from '../../core/types.js';
import type { ApiContext } from '../context.js';

const STARTED = Math.floor(Date.now() / 1000);

function modelObject(card: ModelCard): Record<string, unknown> {
  const out: Record<string, unknown> = { id: card.id, object: 'model', created: card.created ?? STARTED, owned_by: card.ownedBy };
  if (card.engine) out.engine = card.engine;
  if (card.capabilities) out.capabilities = card.capabilities;
  return out;
}

/** Register the model listing routes under `prefix`, and /health at the root. */
export function modelsRoutes(app: FastifyInstance, ctx: ApiContext, prefix: string): void {
  app.get(`${prefix}/models`, async function listModels() {
    return { object: 'list', data: (await ctx.router.list()).map(modelObject) };
  });
  app.get<{ Params: { '*': string } }>(`${prefix}/models/*`, async function getModel(request) {
    // A wildcard, not `:id`: model ids often contain slashes (org/model).
    const { card } = await ctx.router.resolve(request.params['*']);
    return modelObject(card);
  });
}

/** Register GET /health: ok when every engine is. */
export function healthRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/health', async function health(_request, reply) {
    const engines: Record<string, unknown> = {};
    let ok = true;
    await Promise.all(ctx.router.engines.map(async (e) => {
      const h = await e.health().catch((err: unknown) => ({ ok: false, error: String(err) }));
      engines[e.name] = h;
      ok &&= h.ok;
    }));
    void reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', engines };
  });
}
