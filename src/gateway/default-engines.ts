/**
 * Which engines `psr serve` runs: always the psycho-symbolic engine (the offline default, so
 * `npm start` answers with nothing configured); the upstream engine when UPSTREAM_URL is set
 * (one or more targets behind breakers, retries and fallback); the built-in mock upstream (a
 * simulated reasoning LLM) when asked with --mock / PSR_MOCK=1. The reasoning gateway's stages
 * come along for the server to plug in.
 */
import type { PsrConfig } from '../config.js';
import type { Engine } from '../core/types.js';
import { LlamaEngine, parseGgufSpecs } from '../engines/llama/index.js';
import { createSymbolicEngine } from '../engines/symbolic/index.js';
import { startMockUpstream } from '../mock-upstream/server.js';
import { gatewaySettingsFromEnv, type GatewaySettings } from './gateway-settings.js';
import { createReasoningGateway, discoverModels, type ReasoningGateway, type ReasoningGatewayOptions } from './reasoning-gateway.js';
import { parseUpstreamTargets, type UpstreamTarget } from './upstream-targets.js';

/** Engines plus what to shut down with them. */
export interface DefaultEngines {
  engines: Engine[];
  /** Stop helpers started for the engines (the in-process mock). */
  close(): Promise<void>;
  /** One line for the startup log. */
  description: string;
  /** Breakers, reasoning stages and per-model settings for the server to plug in. */
  gateway: ReasoningGateway;
}

/** Start the engines the configuration asks for; a malformed --kb file rejects with file and line. */
export async function defaultEngines(
  cfg: PsrConfig,
  settings: Partial<GatewaySettings> = gatewaySettingsFromEnv(process.env, cfg.models),
  hooks: Pick<ReasoningGatewayOptions, 'onFailure' | 'onBreakerChange'> = {},
): Promise<DefaultEngines> {
  const engines: Engine[] = [];
  const closers: Array<() => Promise<void>> = [];
  const parts: string[] = [];
  const targets = cfg.upstream ? parseUpstreamTargets(cfg.upstream.url, { apiKeys: cfg.upstream.apiKey, models: cfg.upstream.models }) : [];
  const chains: Record<string, UpstreamTarget[]> = {};
  if (cfg.mock) {
    const mock = await startMockUpstream({ port: cfg.mockPort });
    chains.mock = [{ name: 'mock', url: mock.url }];
    closers.push(() => mock.close());
    parts.push(`mock upstream at ${mock.url}`);
  }
  const gateway = createReasoningGateway({
    targets,
    chains,
    settings,
    onFailure: hooks.onFailure,
    onBreakerChange: (target, from, to) => {
      process.stderr.write(`psr: upstream '${target}' circuit ${from} → ${to}\n`);
      hooks.onBreakerChange?.(target, from, to);
    },
  });
  await discoverModels(gateway.engines);
  engines.push(...gateway.engines);
  if (targets.length) parts.unshift(`upstream ${targets.map((t) => t.name).join(' → ')} (${gateway.engines[0]!.models().length} models)`);
  if (cfg.gguf.length) {
    const llama = new LlamaEngine({ models: parseGgufSpecs(cfg.gguf) });
    // a model that fails to load is reported now and in /health; the rest of psr keeps serving
    for (const r of await llama.preload()) if (r.error) process.stderr.write(`psr: ${r.error}\n`);
    engines.push(llama);
    closers.push(() => llama.close());
    parts.push(`llama (${llama.models().map((m) => m.id).join(', ')})`);
  }
  const symbolic = await createSymbolicEngine({ kb: cfg.kb, warm: cfg.symbolic.warm });
  engines.push(symbolic);
  const k = (await symbolic.health()).detail?.knowledge as { facts: number } | undefined;
  parts.push(`psycho-symbolic (${k?.facts ?? 0} facts${cfg.kb.length ? `, +${cfg.kb.length} files` : ''})`);
  return { engines, gateway, close: async () => void (await Promise.all(closers.map((c) => c()))), description: parts.join('; ') };
}
