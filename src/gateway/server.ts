/**
 * startServer(): configuration → engines → app → listening. Used by `psr serve` and by tests,
 * so both run the same wiring. The integrator adds features through `extend`.
 */
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createApp, type AppOptions } from '../api/app.js';
import type { ApiContext } from '../api/context.js';
import type { PsrConfig } from '../config.js';
import type { BreakerBoard } from '../engines/upstream/resilience/circuit-breaker.js';
import { defaultEngines } from './default-engines.js';
import { applyTimeouts, createOps, gracefulClose, loggerOptions, type Ops } from './ops/index.js';
import type { GatewaySettings } from './gateway-settings.js';
import { breakerStates, type ReasoningGateway, type ReasoningGatewayOptions } from './reasoning-gateway.js';

/** A listening psr. */
export interface RunningServer {
  app: FastifyInstance;
  url: string;
  description: string;
  /** The upstream targets' circuit breakers (for /metrics: `breakerStates(server.breakers)`). */
  breakers: BreakerBoard;
  /** The reasoning gateway's parts (model configs, stages). */
  gateway: ReasoningGateway;
  /** Cache, metrics, keys, limits, usage, drain (see gateway/ops/). */
  ops: Ops;
  /** Graceful: stop accepting, let running streams finish up to cfg.shutdown.graceMs, then end them. */
  close(): Promise<void>;
}

/** Extra app options (stages, middlewares, plugins) on top of the engines from the config. */
export type ServerExtension = Omit<AppOptions, 'engines' | 'bodyLimit'> & {
  engines?: AppOptions['engines'];
  /** Reasoning gateway settings (default: from the environment, see gateway-settings.ts). */
  gateway?: Partial<GatewaySettings>;
  /** Told about failed upstream attempts and breaker transitions (metrics, logs). */
  upstreamHooks?: Pick<ReasoningGatewayOptions, 'onFailure' | 'onBreakerChange'>;
};

/** Start psr as configured; `extend` adds engines (before the defaults) and gateway features. */
export async function startServer(cfg: PsrConfig, extend: ServerExtension = {}): Promise<RunningServer> {
  const { gateway: settings, upstreamHooks, ...appOptions } = extend;
  const log = pino(extend.logger === false ? { level: 'silent' } : loggerOptions(cfg));
  const ops = await createOps(cfg, log);
  const defaults = await defaultEngines(cfg, settings, {
    ...upstreamHooks,
    onFailure: (e) => {
      ops.upstream.onFailure(e);
      upstreamHooks?.onFailure?.(e);
    },
  });
  const gw = defaults.gateway;
  ops.upstream.setBreakerStates(() => breakerStates(gw.board));
  const pipeline = appOptions.pipeline ?? {};
  const app = await createApp(ops.appOptions({
    ...appOptions,
    // The reasoning splitter sees the engine's text first; phases come last, after usage counted.
    pipeline: { ...pipeline, before: [...gw.pipeline.before, ...(pipeline.before ?? [])], last: [...(pipeline.last ?? []), ...gw.pipeline.last] },
    reasoningField: appOptions.reasoningField ?? gw.reasoningField,
    engines: [...(appOptions.engines ?? []), ...defaults.engines],
    playground: appOptions.playground ?? cfg.playground,
    trustProxy: appOptions.trustProxy ?? cfg.trustProxy,
    bodyLimit: cfg.bodyLimit,
    logger: extend.logger ?? loggerOptions(cfg),
    requestLogging: appOptions.requestLogging ?? cfg.logRequests,
  }));
  // Summaries written by a model go through the same gateway (createApp decorates `psr`).
  gw.useGenerate((app as unknown as { psr: ApiContext }).psr.generate);
  applyTimeouts(app.server, cfg.timeouts);
  app.addHook('onClose', async () => {
    await defaults.close();
    await ops.close();
  });
  const warmed = await ops.warm();
  if (warmed.warmed || warmed.failed.length) log.info({ warmed: warmed.warmed, failed: warmed.failed }, 'response cache warmed');
  // a deeper accept queue than Node's 511, so a burst of connects is queued rather than reset
  await app.listen({ port: cfg.port, host: cfg.host, backlog: 4096 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
  const host = cfg.host === '0.0.0.0' || cfg.host === '::' ? '127.0.0.1' : cfg.host;
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, description: defaults.description, breakers: gw.board, gateway: gw, ops, close: () => gracefulClose(app, ops.drain, cfg.shutdown.graceMs, log) };
}
