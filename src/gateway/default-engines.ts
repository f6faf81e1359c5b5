/**
 * Which engines `psr serve` runs: always the psycho-symbolic engine (the offline default, so
 * `npm start` answers with nothing configured); the upstream engine when UPSTREAM_URL is set;
 * the built-in mock upstream (a simulated reasoning LLM) when asked with --mock / PSR_MOCK=1.
 */
import type { PsrConfig } from '../config.js';
import type { Engine } from '../core/types.js';
import { LlamaEngine, parseGgufSpecs } from '../engines/llama/index.js';
import { createSymbolicEngine } from '../engines/symbolic/index.js';
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

/** Start the engines the configuration asks for; a malformed --kb file rejects with file and line. */
export async function defaultEngines(cfg: PsrConfig): Promise<DefaultEngines> {
  const engines: Engine[] = [];
  const closers: Array<() => Promise<void>> = [];
  const parts: string[] = [];
  if (cfg.upstream) {
    const engine = await createUpstreamEngine({ url: cfg.upstream.url, apiKey: cfg.upstream.apiKey, models: cfg.upstream.models });
    engines.push(engine);
    parts.push(`upstream ${new URL(cfg.upstream.url).origin} (${engine.models().length} models)`);
  }
  if (cfg.mock) {
    const mock = await startMockUpstream({ port: cfg.mockPort });
    engines.push(await createUpstreamEngine({ url: mock.url, name: 'mock' }));
    closers.push(() => mock.close());
    parts.push(`mock upstream at ${mock.url}`);
  }
  if (cfg.gguf.length) {
    const llama = new LlamaEngine({ models: parseGgufSpecs(cfg.gguf) });
    // a model that fails to load is reported now and in /health; the rest of psr keeps serving
    for (const r of await llama.preload()) if (r.error) process.stderr.write(`psr: ${r.error}\n`);
    engines.push(llama);
    closers.push(() => llama.close());
    parts.push(`llama (${llama.models().map((m) => m.id).join(', ')})`);
  }
  const symbolic = await createSymbolicEngine({ kb: cfg.kb });
  engines.push(symbolic);
  const k = (await symbolic.health()).detail?.knowledge as { facts: number } | undefined;
  parts.push(`psycho-symbolic (${k?.facts ?? 0} facts${cfg.kb.length ? `, +${cfg.kb.length} files` : ''})`);
  return { engines, close: async () => void (await Promise.all(closers.map((c) => c()))), description: parts.join('; ') };
}
