/** POST /v1/chat/completions */
import type { FastifyInstance } from 'fastify';
import { ChatChunkRenderer, renderChatBody } from '../render-chat.js';
import { responseHead } from '../render-common.js';
import { clientSignal, respond } from '../respond.js';
import { parseChatRequest } from '../schemas/chat.js';
import type { ApiContext } from '../context.js';

/** Register the chat completions route under `prefix`. */
export function chatRoute(app: FastifyInstance, ctx: ApiContext, prefix: string): void {
  app.post(`${prefix}/chat/completions`, async function chatCompletions(request, reply) {
    const { req, stream, includeUsage } = parseChatRequest(request.body);
    const head = responseHead('chatcmpl', req.model);
    const chunks = new ChatChunkRenderer(head, req.legacyFunctions);
    const ac = clientSignal(reply);
    await respond(reply, ctx.generate(req, ac.signal), {
      chunk: (ev) => chunks.render(ev),
      usageChunk: (ev) => chunks.usageChunk(ev),
      body: (acc) => renderChatBody(head, acc, req.legacyFunctions),
    }, { stream, includeUsage, ac });
  });
}
