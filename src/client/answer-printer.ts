/**
 * Asks one question of a session and shows the answer: spinner until the first byte, the
 * coloured phases as they stream (or one JSON line with `--json`), timings with `--verbose`.
 */
import { answerJson, type Answer } from './answer.js';
import type { ChatSession } from './chat-session.js';
import type { ChatStreamEvent } from './events.js';
import type { Spinner } from './spinner.js';
import type { Style } from './style.js';
import { TerminalRenderer, type Sink } from './terminal-renderer.js';

/** Everything needed to show answers; shared by one-shot and interactive mode. */
export interface PrintContext {
  out: Sink;
  err: Sink;
  style: Style;
  spinner: Spinner;
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  /** Label the answer even when it is all there is (follow-ups after tool results). */
  labelAnswer?: boolean;
}

/** Ask `prompt` (null: continue after appended tool results) and print the answer. */
export async function askAndPrint(session: ChatSession, prompt: string | null, ctx: PrintContext, signal?: AbortSignal): Promise<Answer> {
  const renderer = new TerminalRenderer(ctx.out, ctx.err, ctx.style, { verbose: ctx.verbose, quiet: ctx.quiet, labelAnswer: ctx.labelAnswer === true });
  ctx.spinner.start('waiting for the server…');
  const onEvent = (event: ChatStreamEvent): void => {
    if (stopsSpinner(event)) ctx.spinner.stop();
    if (ctx.json) {
      if (event.type === 'error') renderer.handle(event);
      return;
    }
    renderer.handle(event);
  };
  let answer: Answer;
  try {
    answer = await session.ask(prompt, onEvent, signal);
  } finally {
    ctx.spinner.stop();
  }
  if (ctx.json) ctx.out.write(JSON.stringify(answerJson(answer, session.model)) + '\n');
  else renderer.end(answer);
  return answer;
}

function stopsSpinner(event: ChatStreamEvent): boolean {
  return event.type === 'first_byte' || event.type === 'error' || event.type === 'done' || (event.type === 'open' && event.status >= 400);
}
