/**
 * psr as `psr serve` runs it (startServer: config → engines → gateway stages → listening) over
 * real mock upstreams on port 0, one per named target, plus the official `openai` client.
 */
import OpenAI from 'openai';
import { loadConfig } from '../../src/config.js';
import type { GatewaySettings } from '../../src/gateway/gateway-settings.js';
import { startServer, type RunningServer } from '../../src/gateway/server.js';
import type { MockModes } from '../../src/mock-upstream/modes.js';
import { startMockUpstream, type MockUpstream } from '../../src/mock-upstream/server.js';

/** A running psr over named mock upstreams. */
export interface GatewayStack {
  url: string;
  server: RunningServer;
  /** The mock behind each target name. */
  mocks: Record<string, MockUpstream>;
  client: OpenAI;
  /** GET /health as JSON. */
  health(): Promise<HealthBody>;
  close(): Promise<void>;
}

/** The parts of /health these tests read. */
export interface HealthBody {
  status: string;
  engines: Record<string, { ok: boolean; detail?: { targets?: Array<{ name: string; ok: boolean; breaker: { state: string; totals: Record<string, number> } }> } }>;
}

/** Options: the targets in fallback order with their mock's default modes, and gateway settings. */
export interface GatewayStackOptions {
  targets?: Record<string, Partial<MockModes>>;
  settings?: Partial<GatewaySettings>;
}

/** Fast, test-friendly resilience: 2 failures open a breaker for 400 ms; retries are quick. */
export const FAST_SETTINGS: Partial<GatewaySettings> = {
  breaker: { failureThreshold: 2, openMs: 400, errorRateThreshold: 0.5, windowMs: 60_000, minimumRequests: 20 },
  retry: { attempts: 2, baseMs: 5, maxMs: 10 },
  connectTimeoutMs: 2_000,
};

/** Start the mocks, then psr over them as one fallback chain named by target. */
export async function startGateway(opts: GatewayStackOptions = {}): Promise<GatewayStack> {
  const mocks: Record<string, MockUpstream> = {};
  for (const [name, modes] of Object.entries(opts.targets ?? { a: {} })) mocks[name] = await startMockUpstream({ modes });
  const cfg = loadConfig({}, { port: '0', host: '127.0.0.1' });
  cfg.upstream = { url: Object.entries(mocks).map(([name, m]) => `${name}=${m.url}`).join(',') };
  const server = await startServer(cfg, { logger: false, gateway: { ...FAST_SETTINGS, ...opts.settings } });
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 20_000 });
  return {
    url: server.url,
    server,
    mocks,
    client,
    health: async () => (await (await fetch(`${server.url}/health`)).json()) as HealthBody,
    async close() {
      await server.close();
      await Promise.all(Object.values(mocks).map((m) => m.close()));
    },
  };
}

/** The breaker state of `target` as /health reports it. */
export async function breakerState(stack: GatewayStack, target: string): Promise<string | undefined> {
  const body = await stack.health();
  const targets = Object.values(body.engines).flatMap((e) => e.detail?.targets ?? []);
  return targets.find((t) => t.name === target)?.breaker.state;
}

/** A chat body for the mock's arithmetic question, with per-request mock modes. */
export function ask(extra: Record<string, unknown> = {}, mock: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'mock-reasoner', messages: [{ role: 'user', content: 'What is 2+2?' }], ...extra, ...(Object.keys(mock).length ? { mock } : {}) };
}
