/**
 * The `upstream` engine: forwards to an OpenAI-compatible server. Streams pass through chunk by
 * chunk as typed events; a non-streaming client request asks the upstream for a whole response
 * and turns it into the same events. Aborting the signal aborts the upstream request.
 */
import type { EmbedRequest, EmbedResult, Engine, EngineEvent, EngineHealth, GenerateRequest, ModelCard, NativeSupport } from '../../core/types.js';
import { UpstreamClient, type UpstreamClientOptions } from './client.js';
import { UpstreamEventStream, type StreamLimits } from './event-stream.js';
import { upstreamBody } from './request-body.js';

type Obj = Record<string, unknown>;

/** Options for the upstream engine. */
export interface UpstreamEngineOptions extends UpstreamClientOptions {
  /** Engine name (default `upstream`), shown in /v1/models. */
  name?: string;
  /** Model ids to serve; when absent they are discovered from the upstream's /v1/models. */
  models?: string[];
  /** What the upstream does itself (default: n, stop and max tokens). */
  native?: NativeSupport;
  /** Ask the upstream for a stream even when the client wants one body (uniform timeouts; default false). */
  streamUpstream?: boolean;
}

/** Serves models by forwarding to an OpenAI-compatible upstream. */
export class UpstreamEngine implements Engine {
  readonly name: string;
  readonly native: NativeSupport;
  readonly #client: UpstreamClient;
  readonly #fixed: boolean;
  readonly #alwaysStream: boolean;
  #models: ModelCard[];

  constructor(opts: UpstreamEngineOptions) {
    this.name = opts.name ?? 'upstream';
    this.native = opts.native ?? { n: true, stop: true, maxTokens: true };
    this.#client = new UpstreamClient(opts);
    this.#fixed = opts.models !== undefined && opts.models.length > 0;
    this.#alwaysStream = opts.streamUpstream ?? false;
    this.#models = (opts.models ?? []).map((id) => ({ id, ownedBy: 'upstream' }));
  }

  models(): ModelCard[] {
    return this.#models;
  }

  /** Re-read the upstream's model list; keeps the old list when the upstream is down. */
  async refreshModels(): Promise<void> {
    if (this.#fixed) return;
    const res = await this.#client.request('GET', '/models', undefined, AbortSignal.timeout(5_000));
    const body = (await res.body.json()) as Obj;
    const data = Array.isArray(body.data) ? (body.data as Obj[]) : [];
    this.#models = data.filter((m) => typeof m.id === 'string').map((m) => ({
      id: m.id as string,
      ownedBy: typeof m.owned_by === 'string' ? m.owned_by : 'upstream',
      ...(typeof m.created === 'number' ? { created: m.created } : {}),
    }));
  }

  generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    return this.stream(req, signal);
  }

  /**
   * `generate` with first-byte and idle timeouts enforced by the stream itself (504
   * upstream_timeout naming `limits.target`), so a timed request is one layer, not two.
   * @example engine.stream(req, signal, { firstByteMs: 60_000, idleMs: 30_000, target: 'vllm-a' })
   */
  stream(req: GenerateRequest, signal: AbortSignal, limits?: StreamLimits): UpstreamEventStream {
    const stream = this.#alwaysStream || req.stream !== false;
    const path = req.input.kind === 'chat' ? '/chat/completions' : '/completions';
    return new UpstreamEventStream(this.#client, path, upstreamBody(req, req.model, stream), signal, limits);
  }

  async embed(req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult> {
    const body: Obj = { ...req.extra, model: req.model, input: req.input, encoding_format: 'float' };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    if (req.user !== undefined) body.user = req.user;
    const res = await this.#client.request('POST', '/embeddings', body, signal);
    const json = (await res.body.json()) as Obj;
    const data = (Array.isArray(json.data) ? (json.data as Obj[]) : []).slice().sort((a, b) => Number(a.index) - Number(b.index));
    const vectors = data.map((d) => (typeof d.embedding === 'string' ? fromBase64(d.embedding) : (d.embedding as number[])));
    const usage = json.usage as Obj | undefined;
    return { vectors, promptTokens: Number(usage?.prompt_tokens ?? 0) };
  }

  async health(): Promise<EngineHealth> {
    try {
      await this.#client.request('GET', '/models', undefined, AbortSignal.timeout(2_000)).then((r) => r.body.dump());
      return { ok: true, detail: { url: this.#client.origin, models: this.#models.length } };
    } catch (err) {
      return { ok: false, error: (err as Error).message, detail: { url: this.#client.origin } };
    }
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}

function fromBase64(s: string): number[] {
  // Copy first: a pooled Buffer's offset need not be 4-byte aligned.
  const bytes = new Uint8Array(Buffer.from(s, 'base64'));
  return Array.from(new Float32Array(bytes.buffer, 0, bytes.byteLength >> 2));
}

/** Create the engine and discover its models (a failure is tolerated: retried on a model miss). */
export async function createUpstreamEngine(opts: UpstreamEngineOptions): Promise<UpstreamEngine> {
  const engine = new UpstreamEngine(opts);
  await engine.refreshModels().catch(() => undefined);
  return engine;
}
