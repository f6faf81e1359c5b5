/**
 * `psr chat --tools <module>`: the tool loop with streaming kept. Each answer streams as usual;
 * when it asks for tools, they run locally (src/tools executeToolCall: bad arguments or a
 * throwing tool become an error result the model can read), the results go back as `tool`
 * messages, and the model is asked again — up to `maxRounds` answers.
 */
import { executeToolCall } from '../tools/execute-tool.js';
import type { ToolSet } from '../tools/tool-set.js';
import { askAndPrint, type PrintContext } from './answer-printer.js';
import type { Answer } from './answer.js';
import type { ChatSession } from './chat-session.js';

/** The default cap on answers per question when tools are in play. */
export const DEFAULT_TOOL_ROUNDS = 5;

/** Ask `prompt`; while the answer calls tools (and `tools` is set), run them and ask again. */
export async function askWithTools(
  session: ChatSession,
  prompt: string,
  ctx: PrintContext,
  tools: ToolSet | undefined,
  signal?: AbortSignal,
  maxRounds = DEFAULT_TOOL_ROUNDS,
): Promise<Answer> {
  let answer = await askAndPrint(session, prompt, ctx, signal);
  for (let round = 1; tools && round < maxRounds; round++) {
    const calls = answer.toolCalls.filter(Boolean);
    if (calls.length === 0 || answer.aborted || answer.error || signal?.aborted) return answer;
    for (const call of calls) {
      const outcome = await executeToolCall(call, tools, signal);
      if (!ctx.json) ctx.out.write(ctx.style.label('tool_result') + ctx.style.section('tool_result', `${call.function.name} → ${outcome.content}`) + '\n');
      session.append({ role: 'tool', tool_call_id: call.id, content: outcome.content });
    }
    answer = await askAndPrint(session, null, { ...ctx, labelAnswer: true }, signal);
  }
  return answer;
}
