/** POST /v1/completions; several prompts run as parallel generations with offset choice indexes. */
import type { FastifyInstance } from 'fastify';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import type { Generate } from '../../gateway/generate.js';
import { merge } from '../../pipeline/merge.js';
import { responseHead } from '../render-common.js';
import { renderTextBody, TextChunkRenderer } from '../render-text.js';
import { requestContext } from '../request-context.js';
import { clientSignal, respond } from '../respond.js';
import { parseCompletionRequest } from '../schemas/completions.js';
import type { ApiContext } from '../context.js';

async function* offset(events: AsyncIterable<EngineEvent>, by: number): AsyncIterable<EngineEvent> {
  for await (const ev of events) yield ev.type === 'usage' ? ev : { ...ev, choice: ev.choice + by };
}

async function* sumUsage(events: AsyncIterable<EngineEvent>): AsyncIterable<EngineEvent> {
  let prompt = 0;
  let completion = 0;
  for await (const ev of events) {
    if (ev.type !== 'usage') yield ev;
    else {
      prompt += ev.promptTokens;
      completion += ev.completionTokens;
    }
  }
  yield { type: 'usage', promptTokens: prompt, completionTokens: completion };
}

function runPrompts(generate: Generate, req: GenerateRequest, prompts: string[], signal: AbortSignal): AsyncIterable<EngineEvent> {
  if (prompts.length === 1) return generate(req, signal);
  const streams = prompts.map((prompt, p) => offset(generate({ ...req, input: { ...req.input, kind: 'text', prompt } }, signal), p * req.n));
  return sumUsage(merge(streams));
}

/** Register the text completions route under `prefix`. */
export function completionsRoute(app: FastifyInstance, ctx: ApiContext, prefix: string): void {
  app.post(`${prefix}/completions`, async function completions(request, reply) {
    const { req, stream, includeUsage, prompts, echo } = parseCompletionRequest(request.body);
    req.context = requestContext(request, reply);
    const head = responseHead('cmpl', req.model);
    const echoFor = echo ? (choice: number) => prompts[Math.floor(choice / req.n)] ?? '' : undefined;
    const chunks = new TextChunkRenderer(head, echoFor);
    const ac = clientSignal(reply);
    req.context.controller = ac;
    await respond(reply, runPrompts(ctx.generate, req, prompts, ac.signal), {
      chunk: (ev) => chunks.render(ev),
      usageChunk: (ev) => chunks.usageChunk(ev),
      body: (acc) => renderTextBody(head, acc, echoFor),
    }, { stream, includeUsage, ac });
  });
}
