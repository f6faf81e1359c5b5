/**
 * `psr chat --interactive`: a conversation at a prompt. Ctrl-C while an answer streams cancels
 * that answer (the request is aborted) and returns to the prompt; Ctrl-C twice at an empty
 * prompt, Ctrl-D or /exit leaves.
 */
import type { ToolSet } from '../tools/tool-set.js';
import type { PrintContext } from './answer-printer.js';
import type { ChatSession } from './chat-session.js';
import { listModels } from './endpoint.js';
import { saveHistoryLine, type LineSource } from './line-source.js';
import { askWithTools } from './tool-loop.js';

/** What the REPL needs besides the session. */
export interface ReplOptions {
  lines: LineSource;
  print: PrintContext;
  historyFile?: string;
  /** Show the "you ›" prompt (off for pipes). */
  showPrompt: boolean;
  /** Tools to run when the model calls them (`--tools`). */
  tools?: ToolSet;
}

/** The REPL's help text. */
export const REPL_HELP = `commands:
  /reset        forget the conversation (the system prompt stays)
  /model [id]   switch model, or list the server's models
  /help         this help
  /exit         leave (also Ctrl-D, or Ctrl-C twice at an empty prompt)
Ctrl-C while an answer streams cancels it.`;

/** Run the REPL until the user leaves; resolves with the exit code. */
export async function runRepl(session: ChatSession, opts: ReplOptions): Promise<number> {
  const { lines, print } = opts;
  const say = (text: string): void => void print.err.write(print.style.dim(text) + '\n');
  say(`psr chat · ${session.model} at ${session.endpoint.url} · /help for commands`);
  let armedExit = false;
  try {
    for (;;) {
      const got = await lines.next(opts.showPrompt ? print.style.section('prompt_summary', 'you › ') : '');
      if (got.kind === 'eof') return 0;
      if (got.kind === 'interrupt') {
        if (got.empty && armedExit) return 0;
        armedExit = got.empty;
        if (got.empty) say('(Ctrl-C again to exit, or /exit)');
        continue;
      }
      armedExit = false;
      const text = got.text.trim();
      if (text === '') continue;
      saveHistoryLine(opts.historyFile, text);
      if (text.startsWith('/')) {
        if ((await command(text, session, say)) === 'exit') return 0;
        continue;
      }
      await answer(session, text, opts);
    }
  } finally {
    lines.close();
  }
}

async function answer(session: ChatSession, text: string, opts: ReplOptions): Promise<void> {
  const controller = new AbortController();
  const unwatch = opts.lines.watchInterrupt(() => controller.abort());
  try {
    await askWithTools(session, text, opts.print, opts.tools, controller.signal);
  } finally {
    unwatch();
  }
}

async function command(text: string, session: ChatSession, say: (t: string) => void): Promise<'exit' | void> {
  const [name, ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  switch (name) {
    case '/exit':
    case '/quit':
      return 'exit';
    case '/reset':
      session.reset();
      return say('(conversation reset)');
    case '/help':
      return say(REPL_HELP);
    case '/model':
      if (arg) {
        session.model = arg;
        return say(`(model: ${arg})`);
      }
      try {
        const models = await listModels(session.endpoint);
        return say(`model: ${session.model}\navailable: ${models.join(', ') || '(none listed)'}`);
      } catch (err) {
        return say(`model: ${session.model} (cannot list models: ${err instanceof Error ? err.message : String(err)})`);
      }
    default:
      return say(`unknown command ${name}; /help lists them`);
  }
}
