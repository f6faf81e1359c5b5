/**
 * createApp(): the Fastify server for the OpenAI API. Routes call one pipeline (gateway/
 * pipeline.ts); gateway features plug in as Fastify hooks (auth, rate limits: `plugins`),
 * Generate middlewares (cache, metrics, usage: `pipeline.middlewares`) and stream stages
 * (reasoning, tools, phases: `pipeline.before` / `pipeline.after`).
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Engine } from '../core/types.js';
import { createPipeline, type PipelineOptions } from '../gateway/pipeline.js';
import { ModelRouter } from '../gateway/router.js';
import type { ApiContext } from './context.js';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './error-handler.js';
import { installJsonBody } from './json-body.js';
import { playgroundPlugin } from './playground.js';
import { declareRequestContext } from './request-context.js';
import { requestIdFor } from './request-id.js';
import { chatRoute } from './routes/chat.js';
import { completionsRoute } from './routes/completions.js';
import { embeddingsRoute } from './routes/embeddings.js';
import { healthRoute, modelsRoutes } from './routes/models.js';

/** A hook installer: gets the app before routes are added (addHook('onRequest', …), decorate…). */
export type AppPlugin = (app: FastifyInstance, ctx: ApiContext) => void | Promise<void>;

/** Options for createApp. */
export interface AppOptions {
  /** Engines in priority order (a model id served by two engines goes to the first). */
  engines: Engine[];
  /** Stages and middlewares of the pipeline. */
  pipeline?: PipelineOptions;
  /** Fastify-level features (auth, rate limits, metrics endpoint), installed before the routes. */
  plugins?: AppPlugin[];
  /** Maximum request body in bytes (default 8 MiB); larger bodies get 413. */
  bodyLimit?: number;
  /** Fastify logger option (default off). */
  logger?: FastifyServerOptions['logger'];
  /** Fastify's own per-request log lines (default true; they are built only when on). */
  requestLogging?: boolean;
  /** Close the engines when the app closes (default true). */
  closeEngines?: boolean;
  /** Serve the web playground at `/` (default true). */
  playground?: boolean;
  /** Trust X-Forwarded-* headers from a reverse proxy (default false). */
  trustProxy?: boolean;
  /** Which field(s) carry reasoning per model (from the gateway's model configs). */
  reasoningField?: ApiContext['reasoningField'];
}

/** The default request body limit: 8 MiB. */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * Build the app (not listening yet).
 * @example const app = await createApp({ engines: [engine] }); await app.listen({ port: 3000 });
 */
export async function createApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT, return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler, clientErrorHandler,
    genReqId: requestIdFor, trustProxy: opts.trustProxy ?? false,
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: opts.requestLogging === false }),
  });
  const router = new ModelRouter(opts.engines);
  const ctx: ApiContext = { router, generate: createPipeline(router, opts.pipeline), reasoningField: opts.reasoningField };
  app.decorate('psr', ctx);
  declareRequestContext(app);
  installJsonBody(app);
  installErrorHandlers(app);
  for (const plugin of opts.plugins ?? []) await plugin(app, ctx);
  // Both with and without /v1: some clients are configured with a bare base URL.
  for (const prefix of ['/v1', '']) {
    chatRoute(app, ctx, prefix);
    completionsRoute(app, ctx, prefix);
    embeddingsRoute(app, ctx, prefix);
    modelsRoutes(app, ctx, prefix);
  }
  healthRoute(app, ctx);
  if (opts.playground !== false) await app.register(playgroundPlugin);
  if (opts.closeEngines !== false) app.addHook('onClose', async () => router.close());
  return app;
}
