/** POST /v1/chat/completions */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Accumulated } from '../../core/accumulate.js';
import { ChatChunkRenderer, renderChatBody } from '../render-chat.js';
import { responseHead } from '../render-common.js';
import { requestContext } from '../request-context.js';
import { clientSignal, respond } from '../respond.js';
import { parseChatRequest } from '../schemas/chat.js';
import type { ApiContext } from '../context.js';

/** Whether the client asked for the seed's bare `event: phase` frames (body or header). */
function wantsPhaseEvents(request: FastifyRequest): boolean {
  const so = (request.body as { stream_options?: { phase_events?: unknown } } | null)?.stream_options;
  if (so && typeof so === 'object' && so.phase_events === true) return true;
  const h = request.headers['x-psr-phase-events'];
  return h === '1' || h === 'true';
}

/** Register the chat completions route under `prefix`. */
export function chatRoute(app: FastifyInstance, ctx: ApiContext, prefix: string): void {
  app.post(`${prefix}/chat/completions`, async function chatCompletions(request, reply) {
    const { req, stream, includeUsage } = parseChatRequest(request.body);
    req.context = requestContext(request, reply);
    const head = responseHead('chatcmpl', req.model);
    const opts = { legacyFunctions: req.legacyFunctions, reasoningField: ctx.reasoningField?.(req.model), phaseEvents: stream && wantsPhaseEvents(request) };
    const ac = clientSignal(reply);
    req.context.controller = ac;
    const body = (acc: Accumulated) => renderChatBody(head, acc, opts);
    // Chunk state only for streams: a JSON answer is rendered once, from the accumulation.
    const chunks = stream ? new ChatChunkRenderer(head, opts) : undefined;
    await respond(reply, ctx.generate(req, ac.signal), chunks ? {
      chunk: (ev) => chunks.render(ev),
      usageChunk: (ev) => chunks.usageChunk(ev),
      body,
      event: (ev) => chunks.phaseFrame(ev),
    } : { body }, { stream, includeUsage, ac });
  });
}
