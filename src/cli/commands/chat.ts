/**
 * `psr chat`: talk to psr or any OpenAI-compatible server from the terminal — one question
 * (`--prompt`), a REPL (`--interactive`), or a health check (`--health`). Phases are shown in
 * colour when the server sends them; a plain OpenAI server just streams its answer.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PrintContext } from '../../client/answer-printer.js';
import { CHAT_USAGE, parseChatArgs, type ChatOptions } from '../../client/chat-options.js';
import { ChatSession } from '../../client/chat-session.js';
import { getHealth, listModels, resolveEndpoint, type Endpoint } from '../../client/endpoint.js';
import { formatHealth, isHealthy } from '../../client/health-format.js';
import { loadHistory, pipeLineSource, ttyLineSource } from '../../client/line-source.js';
import { runRepl } from '../../client/repl.js';
import { createSpinner } from '../../client/spinner.js';
import { createStyle, wantsColour } from '../../client/style.js';
import { askWithTools } from '../../client/tool-loop.js';
import { loadToolsModule } from '../../tools/load-tools-module.js';
import { toolDefinitions, type ToolSet } from '../../tools/tool-set.js';

/** One-line summary for `psr --help`. */
export const summary = 'chat with psr or any OpenAI-compatible server (--prompt, --interactive, --health)';

/** Entry point: returns the exit code (1 on errors, 130 when an answer was cancelled). */
export async function run(args: string[]): Promise<number> {
  let opts: ChatOptions;
  try {
    opts = parseChatArgs(args);
  } catch (err) {
    process.stderr.write(`psr chat: ${err instanceof Error ? err.message : String(err)}\n\n${CHAT_USAGE}`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(CHAT_USAGE);
    return 0;
  }
  const endpoint: Endpoint = { url: opts.url, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) };
  const style = createStyle(wantsColour(process.stdout));
  if (opts.health) return health(endpoint, opts, style);
  let tools: ToolSet | undefined;
  try {
    tools = opts.tools ? await loadToolsModule(opts.tools) : undefined;
  } catch (err) {
    process.stderr.write(`psr chat: --tools: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const model = opts.model ?? (await firstModel(endpoint));
  if (!model) return 1;
  const session = new ChatSession(endpoint, model, opts.system, {
    ...(tools ? { tools: toolDefinitions(tools) } : {}),
    ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
    ...(opts.maxTokens !== undefined ? { maxTokens: opts.maxTokens } : {}),
    ...(opts.reasoningEffort !== undefined ? { reasoningEffort: opts.reasoningEffort } : {}),
  });
  const print: PrintContext = {
    out: process.stdout,
    err: process.stderr,
    style,
    spinner: createSpinner(process.stderr, process.stderr.isTTY === true && !opts.json),
    json: opts.json,
    verbose: opts.verbose,
    quiet: opts.quiet,
  };
  const interactive = opts.interactive || (opts.prompt === undefined && process.stdin.isTTY === true);
  if (!interactive) return once(session, opts.prompt, print, tools);
  const historyFile = process.env.PSR_HISTORY_FILE || join(homedir(), '.psr_history');
  const tty = process.stdin.isTTY === true;
  const lines = tty ? ttyLineSource(process.stdin, process.stdout, loadHistory(historyFile)) : pipeLineSource(process.stdin);
  return runRepl(session, { lines, print, historyFile, showPrompt: tty, ...(tools ? { tools } : {}) });
}

async function once(session: ChatSession, prompt: string | undefined, print: PrintContext, tools?: ToolSet): Promise<number> {
  const text = prompt === undefined || prompt === '-' ? await readStdin() : prompt;
  if (text.trim() === '') {
    process.stderr.write('psr chat: nothing to ask (use --prompt, pipe a question, or --interactive)\n');
    return 2;
  }
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  try {
    const answer = await askWithTools(session, text, print, tools, controller.signal);
    if (answer.aborted) return 130;
    return answer.error ? 1 : 0;
  } finally {
    process.off('SIGINT', cancel);
  }
}

async function health(endpoint: Endpoint, opts: ChatOptions, style: ReturnType<typeof createStyle>): Promise<number> {
  try {
    const { status, body } = await getHealth(endpoint);
    if (opts.json) process.stdout.write(JSON.stringify({ status, body }) + '\n');
    else process.stdout.write(formatHealth(`${resolveEndpoint(endpoint.url).root}/health`, status, body, style));
    return isHealthy(status, body) ? 0 : 1;
  } catch (err) {
    process.stderr.write(style.error(`psr chat: ${err instanceof Error ? err.message : String(err)}`) + '\n');
    return 1;
  }
}

async function firstModel(endpoint: Endpoint): Promise<string | undefined> {
  try {
    // the first model that can chat: psr lists its embedding model among the others
    const models = await listModels(endpoint, undefined, { chatOnly: true });
    if (models[0]) return models[0];
    process.stderr.write(`psr chat: ${endpoint.url} lists no chat models; pass --model\n`);
  } catch (err) {
    process.stderr.write(`psr chat: cannot list models (${err instanceof Error ? err.message : String(err)}); pass --model or check --url\n`);
  }
  return undefined;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
