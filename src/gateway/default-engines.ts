/**
 * Which engines `psr serve` runs. With UPSTREAM_URL: the upstream engine. Without: until the
 * symbolic engine lands, the upstream engine over an in-process mock upstream, so `npm start`
 * answers offline. This is the one place to change when the symbolic engine becomes default.
 */
import type { PsrConfig } from '../config.js';
import type { Engine } from '../core/types.js';
import { createUpstreamEngine } from '../engines/upstream/engine.js';
import { startMockUpstream } from '../mock-upstream/server.js';

/** Engines plus what to shut down with them. */
export interface DefaultEngines {
  engines: Engine[];
  /** Stop helpers started for the engines (the in-process mock). */
  close(): Promise<void>;
  /** One line for the startup log. */
  description: string;
}

/** Start the engines the configuration asks for. */
export async function defaultEngines(cfg: PsrConfig): Promise<DefaultEngines> {
  if (cfg.upstream) {
    const engine = await createUpstreamEngine({ url: cfg.upstream.url, apiKey: cfg.upstream.apiKey, models: cfg.upstream.models });
    return { engines: [engine], close: async () => undefined, description: `upstream ${new URL(cfg.upstream.url).origin} (${engine.models().length} models)` };
  }
  const mock = await startMockUpstream({ port: cfg.mockPort });
  const engine = await createUpstreamEngine({ url: mock.url, name: 'mock' });
  return { engines: [engine], close: () => mock.close(), description: `built-in mock upstream at ${mock.url} (no UPSTREAM_URL set)` };
}
