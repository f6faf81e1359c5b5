/**
 * startServer(): configuration → engines → app → listening. Used by `psr serve` and by tests,
 * so both run the same wiring. The integrator adds features through `extend`.
 */
import type { FastifyInstance } from 'fastify';
import { createApp, type AppOptions } from '../api/app.js';
import type { PsrConfig } from '../config.js';
import { defaultEngines } from './default-engines.js';

/** A listening psr. */
export interface RunningServer {
  app: FastifyInstance;
  url: string;
  description: string;
  close(): Promise<void>;
}

/** Extra app options (stages, middlewares, plugins) on top of the engines from the config. */
export type ServerExtension = Omit<AppOptions, 'engines' | 'bodyLimit'> & { engines?: AppOptions['engines'] };

/** Start psr as configured; `extend` adds engines (before the defaults) and gateway features. */
export async function startServer(cfg: PsrConfig, extend: ServerExtension = {}): Promise<RunningServer> {
  const defaults = await defaultEngines(cfg);
  const app = await createApp({
    ...extend,
    engines: [...(extend.engines ?? []), ...defaults.engines],
    bodyLimit: cfg.bodyLimit,
    logger: extend.logger ?? (cfg.logRequests ? { level: 'info' } : false),
  });
  app.addHook('onClose', async () => defaults.close());
  await app.listen({ port: cfg.port, host: cfg.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
  const host = cfg.host === '0.0.0.0' || cfg.host === '::' ? '127.0.0.1' : cfg.host;
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, description: defaults.description, close: () => app.close() };
}
