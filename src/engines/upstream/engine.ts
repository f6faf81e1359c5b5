/**
 * The `upstream` engine: forwards to an OpenAI-compatible server. Streams pass through chunk by
 * chunk as typed events; a non-streaming client request asks the upstream for a whole response
 * and turns it into the same events. Aborting the signal aborts the upstream request.
 */
import { psrError } from '../../core/errors.js';
import type { EmbedRequest, EmbedResult, Engine, EngineEvent, EngineHealth, GenerateRequest, ModelCard, NativeSupport } from '../../core/types.js';
import { UpstreamClient, type UpstreamClientOptions } from './client.js';
import { chunkEvents, responseEvents } from './events.js';
import { upstreamBody } from './request-body.js';
import { decodeSseBatches } from './sse-decoder.js';

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

  async *generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const stream = this.#alwaysStream || req.stream !== false;
    const path = req.input.kind === 'chat' ? '/chat/completions' : '/completions';
    const res = await this.#client.request('POST', path, upstreamBody(req, req.model, stream), signal);
    const finished = new Set<number>();
    const seen = new Set<number>();
    let handedOff = false;
    const track = (ev: EngineEvent) => {
      if (ev.type === 'usage') return;
      seen.add(ev.choice);
      if (ev.type === 'finish') finished.add(ev.choice);
    };
    try {
      if (!res.contentType.includes('text/event-stream')) {
        for (const ev of responseEvents((await res.body.json()) as Obj)) {
          track(ev);
          yield ev;
        }
      } else {
        const batches = decodeSseBatches(res.body)[Symbol.asyncIterator]();
        for (let r = await batches.next(); !r.done; r = await batches.next()) {
          // One network read usually completes several events: turn them all into events at once.
          const out: EngineEvent[] = [];
          let done = false;
          for (const sse of r.value) {
            if (sse.data === '[DONE]') {
              done = true;
              break;
            }
            let chunk: Obj;
            try {
              chunk = JSON.parse(sse.data) as Obj;
            } catch {
              continue; // garbage between events: skip it, as tolerant clients do
            }
            if (sse.event === 'error' || chunk.error) throw psrError('upstream_error', `Upstream stream error: ${JSON.stringify(chunk.error ?? chunk).slice(0, 300)}`);
            for (const ev of chunkEvents(chunk)) {
              track(ev);
              out.push(ev);
            }
          }
          yield* out;
          if (done) {
            // The response is complete at [DONE]: finish it now and read whatever follows (the
            // body's end, normally already here) in the background, so the pooled connection
            // stays reusable; breaking off mid-body would tear it down.
            handedOff = true;
            drainRest(batches, res.body);
            break;
          }
        }
      }
    } catch (err) {
      if (signal.aborted || (err as { name?: string }).name === 'PsrError') throw err;
      throw this.#client.bodyError(err);
    } finally {
      // Stopped early (client left, a stop sequence hit): drop the upstream request now.
      if (!handedOff && !res.body.destroyed) res.body.destroy();
    }
    // An upstream that ends without finish_reason still ends every choice exactly once.
    for (const choice of seen) if (!finished.has(choice)) yield { type: 'finish', choice, reason: 'stop' };
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

/** Longest wait for the rest of a body after [DONE] before the connection is dropped instead. */
const DRAIN_AFTER_DONE_MS = 5_000;

/** Read a body's rest after [DONE] (ignored); a body that does not end soon is destroyed. */
function drainRest(rest: AsyncIterator<unknown>, body: { destroy(): unknown }): void {
  const timer = setTimeout(() => body.destroy(), DRAIN_AFTER_DONE_MS);
  void (async () => {
    try {
      while (!(await rest.next()).done);
    } catch {
      // an upstream that breaks off after [DONE] costs only its connection
    } finally {
      clearTimeout(timer);
    }
  })();
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
